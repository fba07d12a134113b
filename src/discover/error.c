/* SPDX-License-Identifier: MIT */
#include "vdisc_env.h"

#include <vdisc/error.h>

static const char *const vdisc_error_text[VDISC_ERROR_COUNT_] = {
	[VDISC_OK] = "success",
	[VDISC_ENOMEM] = "out of arena memory",
	[VDISC_EINVAL] = "invalid argument",
	[VDISC_EBADMAGIC] = "bad magic (not a flattened device tree)",
	[VDISC_ETRUNCATED] = "truncated",
	[VDISC_EBADVERSION] = "unsupported version",
	[VDISC_EBADLAYOUT] = "bad block layout",
	[VDISC_EBADSTRUCT] = "malformed structure block",
	[VDISC_EBADSTRINGS] = "string offset out of range",
	[VDISC_EBADCELLS] = "bad cell count",
	[VDISC_EBADPROP] = "bad property length",
	[VDISC_EBADPHANDLE] = "bad phandle",
	[VDISC_ELOOP] = "loop or nesting too deep",
	[VDISC_ENOTFOUND] = "not found",
	[VDISC_ERANGE] = "address or size out of range",
	[VDISC_EUNTRANSLATABLE] = "no ranges entry covers the address",
	[VDISC_EIO] = "device or backend I/O error",
	[VDISC_ETIMEDOUT] = "timed out",
	[VDISC_ENOTSUP] = "not supported",
	[VDISC_EPERM] = "not permitted",
	[VDISC_ENOMATCH] = "no match",
	[VDISC_EDUPLICATE] = "given twice",
	[VDISC_EAGAIN] = "no room now, try again",
	[VDISC_ECANCELED] = "stopped on request",
};

const char *vdisc_strerror(int err)
{
	/* Negate in unsigned arithmetic: -INT_MIN is undefined for int. */
	unsigned int code = err < 0 ? 0u - (unsigned int)err : (unsigned int)err;

	if (code >= VDISC_ERROR_COUNT_ || !vdisc_error_text[code])
		return "unknown error";
	return vdisc_error_text[code];
}
