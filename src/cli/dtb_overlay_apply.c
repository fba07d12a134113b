/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dtb_overlay.h"

/*
 * --overlay: the overlays applied to the base in memory by libfdt, as
 * fdtoverlay does it (the base opened into a buffer grown by the overlays'
 * sizes, each applied in order to a copy of it, the result packed), so
 * that the listing is the one of the tree fdtoverlay would write.  What
 * libfdt reports as a bare code is worded first where it can be known:
 * a base without __symbols__, a label the base lacks, a target it lacks.
 */

#define DTBOA_SIZE_LIMIT ((size_t)64 << 20)

struct dtboa_overlay {
	const char *name; /* as the user gave it ("<stdin>" for -) */
	struct cli_file file;
};

static int dtboa_load(const char *arg, struct dtboa_overlay *ov)
{
	struct vdisc_fdt_problem problem;
	int err;

	ov->name = strcmp(arg, "-") == 0 ? "<stdin>" : arg;
	err = cli_file_load(strcmp(arg, "-") == 0 ? "/dev/stdin" : arg, DTBOA_SIZE_LIMIT,
			    &ov->file);
	if (err) {
		cli_error("%s: %s", ov->name, strerror(err));
		return cli_exit_for_errno(err);
	}
	err = vdisc_fdt_check_detail(ov->file.data, ov->file.size, &problem);
	if (err)
		dtb_report_problem(ov->name, err, &problem, &ov->file);
	else if (!dtb_overlay_detect(&ov->file))
		cli_error(
			"%s: not an overlay (no fragment with an __overlay__ node, no "
			"__fixups__): compile its source, which starts with /plugin/, with dtc -@",
			ov->name);
	else if (dtb_overlay_sound(ov->name, ov->file.data))
		return VDISC_EXIT_OK;
	return VDISC_EXIT_MALFORMED;
}

/* "a, b, c" of the overlay's __fixups__ labels, into @buf. */
static void dtboa_label_list(const void *ov, char *buf, size_t len)
{
	int table = fdt_subnode_offset(ov, 0, "__fixups__"), prop, plen;
	const char *name;
	size_t n = 0;

	buf[0] = '\0';
	fdt_for_each_property_offset (prop, ov, table) {
		if (!fdt_getprop_by_offset(ov, prop, &name, &plen) || n + strlen(name) + 8 >= len)
			break;
		n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? ", " : "", name);
	}
}

/* Every label the overlay needs is in the base's __symbols__ and names a node there. */
static int dtboa_check_labels(const char *base_name, const void *base,
			      const struct dtboa_overlay *ov)
{
	const void *blob = ov->file.data;
	struct vdisc_fdt_fixup_iter it = {0};
	int symbols = fdt_subnode_offset(base, 0, "__symbols__");
	struct vdisc_fdt_fixup fx;
	const char *path;
	char labels[256];

	if (fdt_subnode_offset(blob, 0, "__fixups__") < 0)
		return 0;
	if (symbols < 0) {
		dtboa_label_list(blob, labels, sizeof(labels));
		cli_error("%s: refers to labels of the base (%s), but %s has no __symbols__: "
			  "compile the base with dtc -@",
			  ov->name, labels, base_name);
		return -1;
	}
	while (vdisc_fdt_overlay_next_fixup(blob, &it, &fx) == 1) {
		path = fdt_getprop(base, symbols, fx.label, NULL);
		if (!path) {
			cli_error("%s: the base %s has no label '%s' (used at %.*s, property %.*s)",
				  ov->name, base_name, fx.label, (int)fx.path_len, fx.path,
				  (int)fx.prop_len, fx.prop);
			return -1;
		}
		if (fdt_path_offset(base, path) < 0) {
			cli_error("%s: label '%s' of the base %s names %s, a node it does not have",
				  ov->name, fx.label, base_name, path);
			return -1;
		}
	}
	return 0;
}

/* After libfdt failed: the first fragment whose target the base lacks, worded. */
static bool dtboa_explain_target(const char *base_name, const void *base,
				 const struct dtboa_overlay *ov)
{
	struct vdisc_fdt_fragment f;
	int cursor = 0;

	while (vdisc_fdt_overlay_next_fragment(ov->file.data, &cursor, &f) == 1) {
		if (f.kind == VDISC_FDT_TARGET_PATH && fdt_path_offset(base, f.path) < 0) {
			cli_error("%s: /%s: target-path \"%s\" is not a node of the base %s",
				  ov->name, f.name, f.path, base_name);
			return true;
		}
		if (f.kind == VDISC_FDT_TARGET_PHANDLE &&
		    fdt_node_offset_by_phandle(base, f.phandle) < 0) {
			cli_error("%s: /%s: target phandle 0x%" PRIx32 " is no node of the base %s",
				  ov->name, f.name, f.phandle, base_name);
			return true;
		}
	}
	return false;
}

/* One overlay onto @buf (an opened tree); @prev keeps the base as it was, to explain a failure. */
static int dtboa_apply_one(const char *base_name, void *buf, void *prev,
			   const struct dtboa_overlay *ov)
{
	void *copy;
	int err;

	/* Each file is sound but they do not fit together: the apply failed. */
	if (dtboa_check_labels(base_name, buf, ov))
		return VDISC_EXIT_FAILED;
	copy = malloc(ov->file.size);
	if (!copy)
		return -FDT_ERR_NOSPACE - 1000; /* never a libfdt code: out of memory */
	memcpy(copy, ov->file.data, ov->file.size);
	memcpy(prev, buf, fdt_totalsize(buf));
	err = fdt_overlay_apply(buf, copy); /* spoils both on failure: @prev is the base */
	free(copy);
	if (err == -FDT_ERR_NOSPACE || err == 0)
		return err;
	if (!((err == -FDT_ERR_NOTFOUND || err == -FDT_ERR_BADOVERLAY) &&
	      dtboa_explain_target(base_name, prev, ov)))
		cli_error("%s: cannot apply to %s: %s", ov->name, base_name, fdt_strerror(err));
	return VDISC_EXIT_FAILED;
}

/* All overlays in order into a buffer of @cap bytes: 0, -FDT_ERR_NOSPACE, or an exit code. */
static int dtboa_apply_all(const struct dtb_options *opt, const struct cli_file *base,
			   const struct dtboa_overlay *ovs, size_t cap, void **out)
{
	void *buf = malloc(cap), *prev = malloc(cap);
	unsigned i;
	int err = -FDT_ERR_NOSPACE - 1000;

	if (buf && prev)
		err = fdt_open_into(base->data, buf, (int)cap);
	for (i = 0; !err && i < opt->noverlays; i++)
		err = dtboa_apply_one(opt->file, buf, prev, &ovs[i]);
	if (!err)
		err = fdt_pack(buf);
	if (err < 0 && err != -FDT_ERR_NOSPACE && err != -FDT_ERR_NOSPACE - 1000) {
		cli_error("%s: %s", opt->file, fdt_strerror(err));
		err = VDISC_EXIT_FAILED;
	}
	free(prev);
	if (err == -FDT_ERR_NOSPACE - 1000)
		cli_error("%s: %s", opt->file, vdisc_fdt_strerror(-VDISC_ENOMEM));
	if (err)
		free(buf);
	else
		*out = buf;
	return err == -FDT_ERR_NOSPACE - 1000 ? VDISC_EXIT_FAILED : err;
}

static int dtboa_merge(const struct dtb_options *opt, struct cli_file *base,
		       const struct dtboa_overlay *ovs)
{
	size_t cap = fdt_totalsize(base->data);
	void *merged = NULL;
	unsigned i;
	int rc;

	for (i = 0; i < opt->noverlays; i++)
		cap += ovs[i].file.size;
	/* fdtoverlay's room (the overlays' sizes) nearly always suffices; grow while it does not.
	 */
	while ((rc = dtboa_apply_all(opt, base, ovs, cap, &merged)) == -FDT_ERR_NOSPACE &&
	       cap < (size_t)INT32_MAX / 2)
		cap *= 2;
	if (rc == -FDT_ERR_NOSPACE)
		cli_error("%s: the merged tree is too large", opt->file);
	if (rc)
		return rc < 0 ? VDISC_EXIT_FAILED : rc;
	cli_file_release(base);
	base->data = merged;
	base->size = fdt_totalsize(merged);
	return VDISC_EXIT_OK;
}

int dtb_overlay_apply(const struct dtb_options *opt, struct cli_file *base)
{
	struct dtboa_overlay *ovs;
	unsigned i, n = 0;
	int rc = VDISC_EXIT_OK;

	for (i = 0; i < opt->noverlays; i++)
		n += strcmp(opt->overlays[i], "-") == 0;
	if (n + (strcmp(opt->file, "<stdin>") == 0) > 1) {
		cli_error("standard input (-) can be read once: give the base or one overlay as -");
		return VDISC_EXIT_USAGE;
	}
	n = 0;
	/* A base libfdt cannot read is the listing's to refuse, with its reason. */
	if (vdisc_fdt_check(base->data, base->size) != 0)
		return VDISC_EXIT_OK;
	ovs = calloc(opt->noverlays, sizeof(*ovs));
	if (!ovs) {
		cli_error("%s: %s", opt->file, vdisc_fdt_strerror(-VDISC_ENOMEM));
		return VDISC_EXIT_FAILED;
	}
	for (; n < opt->noverlays && rc == VDISC_EXIT_OK; n++)
		rc = dtboa_load(opt->overlays[n], &ovs[n]);
	if (rc == VDISC_EXIT_OK)
		rc = dtboa_merge(opt, base, ovs);
	for (i = 0; i < n; i++)
		cli_file_release(&ovs[i].file);
	free(ovs);
	return rc;
}
