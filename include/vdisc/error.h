/* SPDX-License-Identifier: MIT */
#ifndef VDISC_ERROR_H
#define VDISC_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Every vdisc call that can fail returns an int: >= 0 on success, or the
 * negation of one of these codes (errno style, so "return -VDISC_ENOMEM;").
 * The values are stable: they are part of the ABI and of the test suite.
 */
enum vdisc_error {
	VDISC_OK = 0,
	VDISC_ENOMEM = 1,	/* the caller's arena is exhausted */
	VDISC_EINVAL = 2,	/* a bad argument from the caller */
	VDISC_EBADMAGIC = 3,	/* the blob is not a flattened device tree */
	VDISC_ETRUNCATED = 4,	/* the blob claims more bytes than were given */
	VDISC_EBADVERSION = 5,	/* an FDT version this library cannot read */
	VDISC_EBADLAYOUT = 6,	/* header blocks outside the blob or overlapping */
	VDISC_EBADSTRUCT = 7,	/* structure block malformed (tags, names, nesting) */
	VDISC_EBADSTRINGS = 8,	/* a property name offset outside the strings block */
	VDISC_EBADCELLS = 9,	/* #address-cells, #size-cells or #interrupt-cells out of range */
	VDISC_EBADPROP = 10,	/* a property whose length does not fit its cells */
	VDISC_EBADPHANDLE = 11, /* a phandle that names no node, or is used twice */
	VDISC_ELOOP = 12,	/* a cycle, or a walk deeper than the bound */
	VDISC_ENOTFOUND = 13,	/* the thing asked for does not exist */
	VDISC_ERANGE = 14,	/* an address that overflows 64 bits or its bus's address cells */
	VDISC_EUNTRANSLATABLE = 15, /* no ranges entry covers a bus address */
	VDISC_EIO = 16,		    /* a device or backend reported an error */
	VDISC_ETIMEDOUT = 17,	    /* a device did not answer in time */
	VDISC_ENOTSUP = 18,	    /* not supported by this device or build */
	VDISC_EPERM = 19,	    /* not permitted here */
	VDISC_ENOMATCH = 20,	    /* nothing matches (an interrupt-map entry; a driver's table) */
	VDISC_EDUPLICATE = 21,	    /* given twice (a property in one node; a registration) */
	VDISC_EAGAIN = 22,	    /* no room now: try again once something completes */
	VDISC_ECANCELED = 23,	    /* stopped at the caller's request */
	VDISC_ERROR_COUNT_
};

/**
 * vdisc_strerror - a short English description of an error code
 * @err: a vdisc error code, positive or negated
 *
 * The text fits every caller of the code; a subsystem with a more specific
 * reading of a code says so itself (vdisc_fdt_strerror()).
 *
 * returns:
 *	a static string; "unknown error" for a value outside the enum.
 */
const char *vdisc_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif
