/* SPDX-License-Identifier: MIT */
/*
 * vdisc diff A B: two device trees, two `vdisc scan --json` snapshots, or one
 * of each, compared device by device (keyed by path): added, removed, and
 * changed fields and properties.  Both sides are first made the same thing,
 * scan's JSON (a tree with its properties, phandles written as the paths
 * they point at), so a renumbering of phandles is no change.  A value one
 * side does not know (null) is not compared: a tree knows no drivers, a
 * snapshot made without -v no properties.  Exit status as diff's: 0 the
 * same, 1 different, and vdisc's for bad input.
 */
#include <argp.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cli.h"
#include "scan_cli.h"

enum { OPT_JSON = 'j' };

struct diff_options {
	const char *file[2];
	unsigned nfiles;
	bool json;
};

static const struct argp_option diff_options_spec[] = {
	{"json", OPT_JSON, NULL, 0, "The differences as one JSON document", 0},
	{0},
};

static const char diff_doc[] =
	"Compare two machines: device trees (.dtb) or `vdisc scan --json` snapshots, in any "
	"mix.\vDevices are matched by path; a device is added, removed, or changed in its "
	"compatible, status, registers, interrupts (controller, cells, line, the nexus "
	"crossed), PCI identity and BARs, virtio type and features, driver, and properties. "
	"Phandles are compared as the paths they point at, so a renumbered tree is the same "
	"tree.  A value one side does not know (null in a snapshot: a tree knows no drivers; "
	"properties need `vdisc scan --json -v`) is not compared.  Exit status: 0 no "
	"difference, 1 different, 2 usage, 4 an input cannot be read, 5 an input is "
	"malformed.";

static error_t diff_parse_(int key, char *arg, struct argp_state *state)
{
	struct diff_options *opt = state->input;

	switch (key) {
	case OPT_JSON:
		opt->json = true;
		break;
	case ARGP_KEY_ARG:
		if (opt->nfiles == 2)
			argp_error(state, "three inputs: vdisc diff compares two");
		opt->file[opt->nfiles++] = arg;
		break;
	case ARGP_KEY_END:
		if (opt->nfiles != 2)
			argp_error(state, "two inputs are compared: vdisc diff A B");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp diff_argp = {
	diff_options_spec, diff_parse_, "A B", diff_doc, NULL, NULL, NULL};

/* One side: its devices by path, sorted. */
struct diff_side {
	const char *file;
	json_object *doc;
	json_object **devs;
	size_t ndevs;
};

static int diff_cmp_path_(const void *a, const void *b)
{
	const char *x =
		json_object_get_string(json_object_object_get(*(json_object *const *)a, "path"));
	const char *y =
		json_object_get_string(json_object_object_get(*(json_object *const *)b, "path"));

	return strcmp(x, y);
}

/* A snapshot's shape: an object whose "devices" are objects, each with a string "path". */
static const char *diff_check_snapshot_(json_object *doc)
{
	json_object *devs, *d, *path;

	if (!json_object_is_type(doc, json_type_object))
		return "not a JSON object";
	if (!json_object_object_get_ex(doc, "devices", &devs) ||
	    !json_object_is_type(devs, json_type_array))
		return "no \"devices\" array: not a vdisc scan --json snapshot";
	for (size_t i = 0; i < json_object_array_length(devs); i++) {
		d = json_object_array_get_idx(devs, i);
		if (!json_object_is_type(d, json_type_object) ||
		    !json_object_object_get_ex(d, "path", &path) ||
		    !json_object_is_type(path, json_type_string))
			return "a device without a \"path\" string";
	}
	return NULL;
}

static int diff_load_tree_(struct diff_side *s)
{
	struct scan_run r = {0};
	int rc;

	r.opt.dtb = s->file;
	rc = scan_run_load(&r);
	if (rc == VDISC_EXIT_OK) {
		dtb_report_diags(s->file, &r.model);
		s->doc = scan_json_document(&r.model, &r.src, true);
	}
	scan_run_free(&r);
	return rc;
}

static int diff_load_snapshot_(struct diff_side *s)
{
	const char *why;

	s->doc = json_object_from_file(s->file);
	if (!s->doc) {
		const char *err = json_util_get_last_err();
		int n = err ? (int)strcspn(err, "\n") : 0;

		cli_error("%s: not a device tree blob, and not JSON: %.*s", s->file, n,
			  err ? err : "");
		return VDISC_EXIT_MALFORMED;
	}
	why = diff_check_snapshot_(s->doc);
	if (why) {
		cli_error("%s: %s", s->file, why);
		return VDISC_EXIT_MALFORMED;
	}
	return VDISC_EXIT_OK;
}

/* A tree by its magic, anything else as a snapshot; then its devices sorted by path. */
static int diff_load_(struct diff_side *s)
{
	unsigned char magic[4] = {0};
	json_object *devs;
	FILE *f = fopen(s->file, "rb");
	int rc;

	if (!f) {
		cli_error("%s: %s", s->file, strerror(errno));
		return cli_exit_for_errno(errno);
	}
	rc = fread(magic, 1, sizeof(magic), f) == sizeof(magic) && magic[0] == 0xd0 &&
	     magic[1] == 0x0d && magic[2] == 0xfe && magic[3] == 0xed;
	fclose(f);
	rc = rc ? diff_load_tree_(s) : diff_load_snapshot_(s);
	if (rc != VDISC_EXIT_OK)
		return rc;
	devs = json_object_object_get(s->doc, "devices");
	s->ndevs = json_object_array_length(devs);
	s->devs = calloc(s->ndevs ? s->ndevs : 1, sizeof(*s->devs));
	if (!s->devs) {
		cli_error("out of memory");
		return VDISC_EXIT_FAILED;
	}
	for (size_t i = 0; i < s->ndevs; i++)
		s->devs[i] = json_object_array_get_idx(devs, i);
	qsort(s->devs, s->ndevs, sizeof(*s->devs), diff_cmp_path_);
	return VDISC_EXIT_OK;
}

/* What the comparison found, as the JSON document; the text is printed from it. */
struct diff_result {
	json_object *added, *removed, *changed;
};

static bool diff_known_(json_object *v)
{
	return v && !json_object_is_type(v, json_type_null);
}

/* Each key both objects know and hold differently, into @out as {key: {"a": .., "b": ..}}. */
static void diff_fields_(json_object *a, json_object *b, const char *prefix, json_object *out)
{
	json_object_object_foreach(a, key, va)
	{
		json_object *vb = json_object_object_get(b, key);
		char name[256];

		if (strcmp(key, "path") == 0 || strcmp(key, "properties") == 0 ||
		    !diff_known_(va) || !diff_known_(vb) || json_object_equal(va, vb))
			continue;
		snprintf(name, sizeof(name), "%s%s", prefix, key);
		/* a nested object (pci, virtio) compared field by field, with its own nulls */
		if (json_object_is_type(va, json_type_object) &&
		    json_object_is_type(vb, json_type_object)) {
			char sub[sizeof(name) + 1];
			snprintf(sub, sizeof(sub), "%s.", name);
			diff_fields_(va, vb, sub, out);
			continue;
		}
		json_object *pair = json_object_new_object();
		json_object_object_add(pair, "a", json_object_get(va));
		json_object_object_add(pair, "b", json_object_get(vb));
		json_object_object_add(out, name, pair);
	}
}

/* Properties a field already compares by meaning (a CPU address, a resolved interrupt). */
static bool diff_prop_is_field_(const char *name)
{
	static const char *const fields[] = {
		"compatible",	       "status",	  "reg", "interrupts",
		"interrupts-extended", "interrupt-parent"};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(name, fields[i]) == 0)
			return true;
	return false;
}

/* Properties, where both sides have them: each added, removed or changed one. */
static void diff_props_(json_object *a, json_object *b, json_object *out)
{
	json_object *pa = json_object_object_get(a, "properties");
	json_object *pb = json_object_object_get(b, "properties");

	if (!json_object_is_type(pa, json_type_object) ||
	    !json_object_is_type(pb, json_type_object))
		return;
	json_object_object_foreach(pa, name, va)
	{
		json_object *vb = json_object_object_get(pb, name);
		if (diff_prop_is_field_(name) || (vb && json_object_equal(va, vb)))
			continue;
		json_object *pair = json_object_new_object();
		json_object_object_add(pair, "a", json_object_get(va));
		json_object_object_add(pair, "b", vb ? json_object_get(vb) : NULL);
		json_object_object_add(out, name, pair);
	}
	json_object_object_foreach(pb, nb, vb2)
	{
		if (diff_prop_is_field_(nb) || json_object_object_get_ex(pa, nb, NULL))
			continue;
		json_object *pair = json_object_new_object();
		json_object_object_add(pair, "a", NULL);
		json_object_object_add(pair, "b", json_object_get(vb2));
		json_object_object_add(out, nb, pair);
	}
}

static void diff_device_(json_object *a, json_object *b, struct diff_result *res)
{
	json_object *fields = json_object_new_object(), *props = json_object_new_object();

	diff_fields_(a, b, "", fields);
	diff_props_(a, b, props);
	if (json_object_object_length(fields) == 0 && json_object_object_length(props) == 0) {
		json_object_put(fields);
		json_object_put(props);
		return;
	}
	json_object *c = json_object_new_object();
	json_object_object_add(c, "path", json_object_get(json_object_object_get(a, "path")));
	json_object_object_add(c, "fields", fields);
	json_object_object_add(c, "properties", props);
	json_object_array_add(res->changed, c);
}

/* The two sorted lists merged: each path once. */
static void diff_compare_(const struct diff_side *a, const struct diff_side *b,
			  struct diff_result *res)
{
	size_t i = 0, j = 0;

	while (i < a->ndevs || j < b->ndevs) {
		int c = i == a->ndevs	? 1
			: j == b->ndevs ? -1
					: diff_cmp_path_(&a->devs[i], &b->devs[j]);
		if (c < 0)
			json_object_array_add(res->removed, json_object_get(json_object_object_get(
								    a->devs[i++], "path")));
		else if (c > 0)
			json_object_array_add(res->added, json_object_get(json_object_object_get(
								  b->devs[j++], "path")));
		else
			diff_device_(a->devs[i++], b->devs[j++], res);
	}
}

/* A value on one line: a string as it is (a property's dts text), anything else as JSON. */
static void diff_put_value_(FILE *out, json_object *v)
{
	const char *s;

	if (!v) {
		fputs("(none)", out);
		return;
	}
	if (json_object_is_type(v, json_type_string) && !*json_object_get_string(v)) {
		fputs("(empty)", out); /* a property with no value: "interrupt-controller;" */
		return;
	}
	s = json_object_is_type(v, json_type_string)
		    ? json_object_get_string(v)
		    : json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN |
								JSON_C_TO_STRING_NOSLASHESCAPE);
	for (; *s; s++)
		fputc(*s == '\n' ? ' ' : *s, out);
}

static void diff_print_pairs_(FILE *out, json_object *pairs, const char *what)
{
	json_object_object_foreach(pairs, key, pair)
	{
		fprintf(out, "    %s%s: ", what, key);
		diff_put_value_(out, json_object_object_get(pair, "a"));
		fputs(" -> ", out);
		diff_put_value_(out, json_object_object_get(pair, "b"));
		fputc('\n', out);
	}
}

static void diff_print_text_(FILE *out, const struct diff_side *s, const struct diff_result *r)
{
	size_t i;

	fprintf(out, "--- %s (%zu devices)\n+++ %s (%zu devices)\n", s[0].file, s[0].ndevs,
		s[1].file, s[1].ndevs);
	for (i = 0; i < json_object_array_length(r->removed); i++)
		fprintf(out, "- %s\n",
			json_object_get_string(json_object_array_get_idx(r->removed, i)));
	for (i = 0; i < json_object_array_length(r->added); i++)
		fprintf(out, "+ %s\n",
			json_object_get_string(json_object_array_get_idx(r->added, i)));
	for (i = 0; i < json_object_array_length(r->changed); i++) {
		json_object *c = json_object_array_get_idx(r->changed, i);
		fprintf(out, "~ %s\n", json_object_get_string(json_object_object_get(c, "path")));
		diff_print_pairs_(out, json_object_object_get(c, "fields"), "");
		diff_print_pairs_(out, json_object_object_get(c, "properties"), "property ");
	}
	fprintf(out, "%zu added, %zu removed, %zu changed\n", json_object_array_length(r->added),
		json_object_array_length(r->removed), json_object_array_length(r->changed));
}

int cmd_diff(int argc, char **argv)
{
	struct diff_options opt = {0};
	struct diff_side side[2] = {{0}};
	struct diff_result res;
	int rc = VDISC_EXIT_OK;
	bool differ;

	if (cli_argp_parse(&diff_argp, argc, argv, 0, NULL, &opt) != 0)
		return VDISC_EXIT_USAGE;
	for (unsigned i = 0; i < 2 && rc == VDISC_EXIT_OK; i++) {
		side[i].file = opt.file[i];
		rc = diff_load_(&side[i]);
	}
	if (rc == VDISC_EXIT_OK) {
		res = (struct diff_result){json_object_new_array(), json_object_new_array(),
					   json_object_new_array()};
		diff_compare_(&side[0], &side[1], &res);
		differ = json_object_array_length(res.added) ||
			 json_object_array_length(res.removed) ||
			 json_object_array_length(res.changed);
		if (opt.json) {
			json_object *doc = json_object_new_object();
			json_object_object_add(doc, "a", json_object_new_string(side[0].file));
			json_object_object_add(doc, "b", json_object_new_string(side[1].file));
			json_object_object_add(doc, "added", res.added);
			json_object_object_add(doc, "removed", res.removed);
			json_object_object_add(doc, "changed", res.changed);
			cli_json_print(stdout, doc);
		} else {
			diff_print_text_(stdout, side, &res);
			json_object_put(res.added);
			json_object_put(res.removed);
			json_object_put(res.changed);
		}
		rc = differ ? VDISC_EXIT_FAILED : VDISC_EXIT_OK;
	}
	for (unsigned i = 0; i < 2; i++) {
		free(side[i].devs);
		json_object_put(side[i].doc);
	}
	return rc;
}
