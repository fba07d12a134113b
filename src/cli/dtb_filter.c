/* SPDX-License-Identifier: MIT */
#include <fnmatch.h>
#include <inttypes.h>
#include <string.h>

#include "cli.h"

/*
 * Which devices a `vdisc dtb` listing shows: --compatible (a string, or a
 * shell pattern such as "arm,pl0*") and --enabled (status absent, "okay" or
 * "ok": Linux's of_device_is_available()).  The same test is asked of a
 * decoded device and, before decoding, of a node's raw properties.
 */

bool dtb_filter_active(const struct dtb_options *opt)
{
	return opt->compatible || opt->enabled;
}

static bool dtb_filter_is_pattern(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

static bool dtb_filter_compat_one(const struct dtb_options *opt, const char *c)
{
	return dtb_filter_is_pattern(opt->compatible) ? fnmatch(opt->compatible, c, 0) == 0
						      : strcmp(opt->compatible, c) == 0;
}

static bool dtb_filter_status_ok(const char *status)
{
	return !status || strcmp(status, "okay") == 0 || strcmp(status, "ok") == 0;
}

bool dtb_selected(const struct vdisc_device *dev, const struct dtb_options *opt)
{
	uint32_t i;
	bool match = !opt->compatible;

	if (opt->enabled && !dtb_filter_status_ok(dev->dt.status))
		return false;
	for (i = 0; !match && i < dev->dt.compatible.count; i++)
		match = dtb_filter_compat_one(opt, dev->dt.compatible.items[i]);
	return match;
}

bool dtb_filter_node(const struct vdisc_model *model, int offset, const struct dtb_options *opt)
{
	const char *list, *end, *status;
	int len;

	if (opt->enabled) {
		status = vdisc_fdt_getprop(model, offset, "status", &len);
		/* A value that is no string is not "okay": the device is not available. */
		if (status && (len < 1 || status[len - 1] != '\0' || !dtb_filter_status_ok(status)))
			return false;
	}
	if (!opt->compatible)
		return true;
	list = vdisc_fdt_getprop(model, offset, "compatible", &len);
	if (!list)
		return false;
	for (end = list + len; list < end; list += strnlen(list, (size_t)(end - list)) + 1)
		if (memchr(list, '\0', (size_t)(end - list)) && dtb_filter_compat_one(opt, list))
			return true;
	return false;
}

void dtb_filter_describe(struct cli_out *o, const struct dtb_options *opt, uint32_t shown)
{
	cli_out_printf(o, ", %" PRIu32 " %s", shown, opt->enabled ? "enabled" : "");
	if (opt->compatible)
		cli_out_printf(o, "%scompatible with \"%s\"", opt->enabled ? " and " : "",
			       opt->compatible);
}
