/*
** stage.h -- the one interface every pipeline stage implements.
**
** A stage declares which parts of the document it requires and which it
** assigns (NG_F_* bits). ng_engine_create() checks, before any document is
** read, that every requirement is assigned by an earlier stage.
**
** init() loads the stage's models once; the state it returns is read-only
** afterwards and shared by all threads. process() works on one document and
** allocates only from doc->arena.
*/
#ifndef NG_STAGE_H
#define NG_STAGE_H

#include "newsgraph/newsgraph.h"

typedef struct ng_stage {
	const char *name;
	unsigned requires;
	unsigned assigns;
	ng_status (*init)(const ng_config *cfg, void **state, char *err, size_t errlen);
	ng_status (*process)(const void *state, ng_doc *doc);
	void (*destroy)(void *state);
} ng_stage;

/* The stages, each defined in src/stage/<name>/. */
extern const ng_stage ng_stage_extract;
extern const ng_stage ng_stage_segment;
extern const ng_stage ng_stage_coref;
extern const ng_stage ng_stage_quotes;
extern const ng_stage ng_stage_events;
extern const ng_stage ng_stage_entities;

#endif
