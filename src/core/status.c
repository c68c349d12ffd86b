/*
** status.c -- text for ng_status codes.
*/
#include "core.h"

const char *ng_strerror(ng_status s)
{
	switch (s) {
	case NG_OK: return "ok";
	case NG_DONE: return "no more records";
	case NG_ENOMEM: return "out of memory";
	case NG_ELIMIT: return "size limit exceeded";
	case NG_EIO: return "input/output error";
	case NG_EPARSE: return "malformed input";
	case NG_EEMPTY: return "no text in input";
	case NG_EUSAGE: return "invalid arguments";
	case NG_ESTAGE: return "inconsistent pipeline";
	case NG_EINTERNAL: return "internal error";
	}
	return "unknown status";
}
