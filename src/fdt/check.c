/* SPDX-License-Identifier: MIT */
#include "fdt_internal.h"

/*
 * Header checks of our own run before libfdt's, so that a person is told
 * which number is wrong rather than a bare FDT_ERR_* name, and so that
 * overlapping blocks (which libfdt accepts) are refused.
 */

#define FDT_V17_HEADER_SIZE_ 40u
#define FDT_V16_HEADER_SIZE_ 36u

struct fdt_span_ {
	const char *name;
	uint64_t start, end;
};

static int fdt_check_fail_(struct vdisc_fdt_problem *problem, int error, const char *what,
			   uint64_t value, uint64_t limit)
{
	if (problem) {
		problem->what = what;
		problem->value = value;
		problem->limit = limit;
	}
	return error;
}

static uint32_t fdt_check_header_word_(const void *blob, unsigned index)
{
	return fdt32_ld((const fdt32_t *)blob + index);
}

/* The reservation block has no size field: it ends at an all-zero entry. */
static int fdt_check_memrsv_(const void *blob, uint32_t off, uint32_t total, uint64_t *end,
			     struct vdisc_fdt_problem *problem)
{
	const unsigned char *p = blob;
	uint64_t pos = off;

	if (off % 8 != 0)
		return fdt_check_fail_(problem, -VDISC_EBADLAYOUT,
				       "memory reservation block offset is not 8-byte aligned", off,
				       8);
	for (;;) {
		if (pos + 16 > total)
			return fdt_check_fail_(
				problem, -VDISC_EBADLAYOUT,
				"memory reservation block has no terminating entry before "
				"totalsize",
				pos, total);
		if (fdt64_ld((const fdt64_t *)(p + pos)) == 0 &&
		    fdt64_ld((const fdt64_t *)(p + pos + 8)) == 0)
			break;
		pos += 16;
	}
	*end = pos + 16;
	return 0;
}

static int fdt_check_spans_(const struct fdt_span_ *spans, unsigned n,
			    struct vdisc_fdt_problem *problem)
{
	unsigned i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (spans[i].start < spans[j].end && spans[j].start < spans[i].end &&
			    spans[i].end > spans[i].start && spans[j].end > spans[j].start)
				return fdt_check_fail_(problem, -VDISC_EBADLAYOUT, spans[j].name,
						       spans[j].start, spans[i].start);
	return 0;
}

static int fdt_check_header_(const void *blob, size_t size, struct vdisc_fdt_problem *problem)
{
	uint32_t total, version, last_comp, off_struct, off_strings, off_rsv, hdr;
	uint64_t size_struct, size_strings, rsv_end;
	struct fdt_span_ spans[4];
	int err;

	if (size < 4)
		return fdt_check_fail_(problem, -VDISC_ETRUNCATED,
				       "the file is too short to hold a device tree header", size,
				       FDT_V17_HEADER_SIZE_);
	if (fdt_check_header_word_(blob, 0) != FDT_MAGIC)
		return fdt_check_fail_(problem, -VDISC_EBADMAGIC, "not a flattened device tree",
				       fdt_check_header_word_(blob, 0), FDT_MAGIC);
	if (size < FDT_V16_HEADER_SIZE_)
		return fdt_check_fail_(problem, -VDISC_ETRUNCATED,
				       "the file is too short to hold a device tree header", size,
				       FDT_V17_HEADER_SIZE_);
	total = fdt_check_header_word_(blob, 1);
	off_struct = fdt_check_header_word_(blob, 2);
	off_strings = fdt_check_header_word_(blob, 3);
	off_rsv = fdt_check_header_word_(blob, 4);
	version = fdt_check_header_word_(blob, 5);
	last_comp = fdt_check_header_word_(blob, 6);
	size_strings = fdt_check_header_word_(blob, 8);

	/* Version 16 lacks size_dt_struct; 17 is what every current tool writes. */
	if (version < 16)
		return fdt_check_fail_(problem, -VDISC_EBADVERSION, "version is older than 16",
				       version, 16);
	if (last_comp > 17)
		return fdt_check_fail_(problem, -VDISC_EBADVERSION,
				       "last_comp_version is newer than 17", last_comp, 17);
	hdr = version >= 17 ? FDT_V17_HEADER_SIZE_ : FDT_V16_HEADER_SIZE_;
	if (size < hdr)
		return fdt_check_fail_(problem, -VDISC_ETRUNCATED,
				       "the file is too short to hold a device tree header", size,
				       hdr);
	if (total > size)
		return fdt_check_fail_(problem, -VDISC_ETRUNCATED,
				       "totalsize exceeds the bytes available", total, size);
	if (total < hdr)
		return fdt_check_fail_(problem, -VDISC_EBADLAYOUT,
				       "totalsize is smaller than the header", total, hdr);
	size_struct = version >= 17 ? fdt_check_header_word_(blob, 9) : 0;
	if (version >= 17 && size_struct == 0)
		return fdt_check_fail_(problem, -VDISC_EBADLAYOUT, "structure block is empty", 0,
				       0);
	if (off_struct < hdr)
		return fdt_check_fail_(problem, -VDISC_EBADLAYOUT,
				       "structure block overlaps the header", off_struct, hdr);
	if (off_strings < hdr)
		return fdt_check_fail_(problem, -VDISC_EBADLAYOUT,
				       "strings block overlaps the header", off_strings, hdr);
	if (off_rsv < hdr)
		return fdt_check_fail_(problem, -VDISC_EBADLAYOUT,
				       "memory reservation block overlaps the header", off_rsv,
				       hdr);
	if (off_struct % 4 != 0 || off_struct > total || size_struct > total - off_struct)
		return fdt_check_fail_(problem, -VDISC_EBADLAYOUT,
				       "structure block lies outside totalsize", off_struct, total);
	if (off_strings > total || size_strings > total - off_strings)
		return fdt_check_fail_(problem, -VDISC_EBADLAYOUT,
				       "strings block lies outside totalsize", off_strings, total);
	if (off_rsv >= total)
		return fdt_check_fail_(problem, -VDISC_EBADLAYOUT,
				       "memory reservation block lies outside totalsize", off_rsv,
				       total);
	err = fdt_check_memrsv_(blob, off_rsv, total, &rsv_end, problem);
	if (err)
		return err;

	spans[0] = (struct fdt_span_){"header overlaps another block", 0, hdr};
	spans[1] = (struct fdt_span_){"memory reservation block overlaps another block", off_rsv,
				      rsv_end};
	spans[2] = (struct fdt_span_){"structure block overlaps another block", off_struct,
				      off_struct + size_struct};
	spans[3] = (struct fdt_span_){"strings block overlaps another block", off_strings,
				      off_strings + size_strings};
	return fdt_check_spans_(spans, VDISC_ARRAY_SIZE(spans), problem);
}

static int fdt_check_libfdt_error_(int fdt_err)
{
	switch (fdt_err) {
	case -FDT_ERR_BADMAGIC:
		return -VDISC_EBADMAGIC;
	case -FDT_ERR_TRUNCATED:
		return -VDISC_ETRUNCATED;
	case -FDT_ERR_BADVERSION:
		return -VDISC_EBADVERSION;
	case -FDT_ERR_BADLAYOUT:
		return -VDISC_EBADLAYOUT;
	case -FDT_ERR_BADNCELLS:
		return -VDISC_EBADCELLS;
	case -FDT_ERR_BADPHANDLE:
		return -VDISC_EBADPHANDLE;
	case -FDT_ERR_NOSPACE:
		return -VDISC_ENOMEM;
	default:
		return -VDISC_EBADSTRUCT;
	}
}

/* A property's name offset must leave a NUL inside the strings block after it. */
static uint32_t fdt_check_names_end_(const void *blob)
{
	const char *base = (const char *)blob + fdt_check_header_word_(blob, 3);
	uint32_t last_nul = fdt_check_header_word_(blob, 8);

	/* A name is terminated iff a NUL follows its offset: find the last one once, not per name.
	 */
	while (last_nul > 0 && base[last_nul - 1] != '\0')
		last_nul--;
	return last_nul;
}

/* The words for a libfdt error met on the walk. */
static int fdt_check_walk_fail_(struct vdisc_fdt_problem *problem, int fdt_err)
{
	int code = fdt_check_libfdt_error_(fdt_err);
	const char *what = fdt_strerror(fdt_err);

	if (fdt_err == -FDT_ERR_BADSTRUCTURE)
		what = "nodes do not balance, or a tag is unknown or out of place";
	if (fdt_err == -FDT_ERR_BADOFFSET || fdt_err == -FDT_ERR_TRUNCATED)
		what = "a tag, name or property runs past the end of the structure block";
	if (code == -VDISC_ETRUNCATED)
		code = -VDISC_EBADSTRUCT;
	return fdt_check_fail_(problem, code, what, 0, 0);
}

/*
 * The structure block as libfdt bounds it: size_dt_struct from version 17,
 * the rest of the blob before (fdt_check_header_ has made both fit).
 */
struct fdt_check_block_ {
	const unsigned char *base;
	uint32_t size;
};

/*
 * The tag at @off and where the next one starts, as libfdt's fdt_next_tag()
 * finds them but read directly: a name must end inside the block, a
 * property's value too.  Returns 0, or the libfdt error fdt_next_tag()
 * would report.
 */
static int fdt_check_next_(const struct fdt_check_block_ *b, uint32_t off, uint32_t *tag,
			   uint32_t *next)
{
	const unsigned char *end;
	uint32_t p = off + 4, len;

	if (off > b->size || b->size - off < 4)
		return -FDT_ERR_TRUNCATED;
	*tag = fdt32_ld((const fdt32_t *)(b->base + off));
	switch (*tag) {
	case FDT_BEGIN_NODE:
		end = memchr(b->base + p, '\0', b->size - p);
		if (!end)
			return -FDT_ERR_TRUNCATED;
		p = (uint32_t)(end - b->base) + 1;
		break;
	case FDT_PROP:
		if (b->size - p < 8)
			return -FDT_ERR_TRUNCATED;
		len = fdt32_ld((const fdt32_t *)(b->base + p));
		if (len > b->size - p - 8)
			return -FDT_ERR_TRUNCATED;
		p += 8 + len;
		break;
	case FDT_END:
	case FDT_END_NODE:
	case FDT_NOP:
		break;
	default:
		return -FDT_ERR_BADSTRUCTURE;
	}
	*next = (p + 3) & ~3u;
	return 0;
}

/* One tag of the walk: what dtc's fdt_check_full() asks of it, and our depth bound. */
static int fdt_check_tag_(const struct fdt_check_block_ *b, uint32_t tag, uint32_t offset,
			  unsigned *depth, bool *root_closed, struct vdisc_fdt_problem *problem)
{
	if (*root_closed && tag != FDT_END)
		return fdt_check_fail_(problem, -VDISC_EBADSTRUCT,
				       "a second node follows the root node, at offset",
				       (uint64_t)offset, 0);
	/* Before the root only NOPs (dtc: "doesn't begin with FDT_BEGIN_NODE"): every walker
	 * starts at the root node. */
	if (*depth == 0 && !*root_closed && tag != FDT_BEGIN_NODE && tag != FDT_NOP)
		return fdt_check_fail_(problem, -VDISC_EBADSTRUCT,
				       "no root node: another tag comes first", 0, 0);
	switch (tag) {
	case FDT_BEGIN_NODE:
		/* Our walks keep state per level: nesting is bounded, as Linux bounds it. */
		if (++*depth > VDISC_FDT_MAX_DEPTH + 1)
			return fdt_check_fail_(problem, -VDISC_ELOOP,
					       "nodes nested deeper than the limit",
					       (uint64_t)(*depth - 1), VDISC_FDT_MAX_DEPTH);
		/* The root is unnamed. */
		if (*depth == 1 && b->base[offset + 4] != '\0')
			return fdt_check_walk_fail_(problem, -FDT_ERR_BADSTRUCTURE);
		return 0;
	case FDT_END_NODE:
		if (*depth == 0)
			return fdt_check_walk_fail_(problem, -FDT_ERR_BADSTRUCTURE);
		*root_closed = --*depth == 0;
		return 0;
	default:
		return 0;
	}
}

/*
 * One walk over every tag: dtc's fdt_check_full() -- every tag known and in
 * place, nodes balanced, the root unnamed and nothing but FDT_END after it,
 * every property's name readable -- plus what libfdt does not check: a
 * property length of 0xfffffff4, which wraps libfdt 1.6's fdt_next_tag()
 * back onto the same tag so that every libfdt walker spins forever, is
 * named; each name offset leaves a NUL in the strings block (libfdt reports
 * it with the same code as a structure overrun); nesting stays within
 * VDISC_FDT_MAX_DEPTH.  The tags are read directly (libfdt's re-checked
 * steps were most of a scan's time), with libfdt's bounds.  Runs after
 * fdt_check_header_.
 */
static int fdt_check_walk_(const void *blob, struct vdisc_fdt_problem *problem)
{
	uint32_t names_end = fdt_check_names_end_(blob), tag = FDT_NOP, offset, next = 0;
	int err = fdt_check_header(blob);
	struct fdt_check_block_ b;
	bool root_closed = false;
	unsigned depth = 0;

	if (!err && (err = fdt_num_mem_rsv(blob)) > 0)
		err = 0;
	if (err)
		return fdt_check_walk_fail_(problem, err);
	b.base = (const unsigned char *)blob + fdt_off_dt_struct(blob);
	b.size = fdt_version(blob) >= 17 ? fdt_size_dt_struct(blob)
					 : fdt_totalsize(blob) - fdt_off_dt_struct(blob);
	while (tag != FDT_END) {
		offset = next;
		err = fdt_check_next_(&b, offset, &tag, &next);
		/* @tag is the previous one where the walk has run past the block. */
		if (err && tag == FDT_PROP && offset <= b.size && b.size - offset >= 12 &&
		    fdt32_ld((const fdt32_t *)(b.base + offset + 4)) == 0xfffffff4u)
			return fdt_check_fail_(
				problem, -VDISC_EBADSTRUCT,
				"a property length wraps around the structure block at offset",
				(uint64_t)offset, 0);
		if (err)
			return fdt_check_walk_fail_(problem, err);
		if (tag == FDT_PROP) {
			uint32_t nameoff = fdt32_ld((const fdt32_t *)(b.base + offset + 8));

			if (nameoff >= names_end)
				return fdt_check_fail_(
					problem, -VDISC_EBADSTRINGS,
					"a property name offset lies outside the strings block",
					nameoff, fdt_check_header_word_(blob, 8));
		}
		err = fdt_check_tag_(&b, tag, offset, &depth, &root_closed, problem);
		if (err)
			return err;
	}
	return depth ? fdt_check_walk_fail_(problem, -FDT_ERR_BADSTRUCTURE) : 0;
}

int vdisc_fdt_check_detail(const void *blob, size_t size, struct vdisc_fdt_problem *problem)
{
	int err;

	if (problem)
		problem->what = NULL;
	if (!blob)
		return fdt_check_fail_(problem, -VDISC_EINVAL, "no blob given", 0, 0);
	err = fdt_check_header_(blob, size, problem);
	if (err)
		return err;
	/*
	 * The structure block is walked tag by tag before we trust any
	 * offset in it: names terminated, property lengths and name offsets
	 * in range, nodes balanced, FDT_END where it should be.
	 */
	return fdt_check_walk_(blob, problem);
}

int vdisc_fdt_check(const void *blob, size_t size)
{
	return vdisc_fdt_check_detail(blob, size, NULL);
}
