/*
** stage.h -- the one interface every pipeline stage implements.
**
** A stage declares, in NG_F_* bits (newsgraph.h), the parts of the document
** it requires (it cannot run without them), the parts it reads when an
** earlier stage assigned them (optional: it runs without them, with less to
** go on) and the parts it assigns. ng_engine_create() checks the stage list
** before any document is read: a requirement no earlier stage assigns is an
** error naming the stage, the field and the stage that assigns it; an
** optional input no earlier stage assigns is a warning
** (ng_engine_warnings()).
**
** init() loads the stage's models once; the state it returns is read-only
** afterwards and shared by all threads. process() works on one document and
** allocates only from doc->arena.
**
** A stage lives in src/stage/<name>/, its directory named as the stage, and
** is listed in all_stages[] (engine.c) in pipeline order.
*/
#ifndef NG_STAGE_H
#define NG_STAGE_H

#include "newsgraph/newsgraph.h"

typedef struct ng_stage {
	const char *name;
	unsigned requires; /* NG_F_* it cannot run without */
	unsigned optional; /* NG_F_* it reads when an earlier stage assigned them */
	unsigned assigns;  /* NG_F_* it writes */
	ng_status (*init)(const ng_config *cfg, void **state, char *err, size_t errlen);
	ng_status (*process)(const void *state, ng_doc *doc);
	void (*destroy)(void *state);
} ng_stage;

/* The data directory a stage's init() reads: the engine's (resolved once in
** ng_engine_create()), or ng_data_dir() for a stage started on its own
** (benchmarks, tests) with a NULL config or data_dir. */
static inline const char *ng_stage_data_dir(const ng_config *cfg)
{
	return cfg && cfg->data_dir ? cfg->data_dir : ng_data_dir();
}

/* The stages, each defined in src/stage/<name>/. */
extern const ng_stage ng_stage_extract;
extern const ng_stage ng_stage_segment;
extern const ng_stage ng_stage_syntax;
extern const ng_stage ng_stage_entities;
extern const ng_stage ng_stage_coref;
extern const ng_stage ng_stage_quotes;
extern const ng_stage ng_stage_events;

#endif
