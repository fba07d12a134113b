/* SPDX-License-Identifier: MIT */
/* Where PCI functions are read from (-A, -F): opened, enumerated, closed; for pci and scan. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hosted/pci_devport.h"
#include "hosted/pci_dump.h"
#include "hosted/pci_libpci.h"
#include "cli.h"
#include "pci_cli.h"

#define DUMP_SIZE_LIMIT ((size_t)256 << 20)

static int psrc_error_(const char *file, int err)
{
	cli_error("%s: %s", file, strerror(err));
	return cli_exit_for_errno(err);
}

/* Whether @path opens for reading as a file (not a directory); 0, or -1 with *@err its errno. */
int pci_readable(const char *path, int *err)
{
	FILE *f = fopen(path, "r");
	struct stat st;

	*err = f ? 0 : errno;
	if (f && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))
		*err = EISDIR;
	if (f)
		fclose(f);
	return *err ? -1 : 0;
}

static int psrc_open_dump_(const struct pci_options *opt, struct pci_source *src)
{
	char where[256] = "";
	int rc;

	if (opt->binary_slot) {
		struct vdisc_pci_addr first;
		unsigned char *data;
		size_t size;
		int err = cli_read_file(opt->dump, DUMP_SIZE_LIMIT, &data, &size);

		if (err)
			return psrc_error_(opt->dump, err);
		if (vdisc_pci_addr_parse(opt->binary_slot, &first) != 0) {
			free(data);
			cli_error("--binary-slot %s: not a [[domain:]bus:]slot.func address",
				  opt->binary_slot);
			return VDISC_EXIT_USAGE;
		}
		rc = vdisc_pci_dump_from_binary(data, size, first, &src->dump, where,
						sizeof(where));
		free(data);
	} else {
		/* Text is parsed as it streams in: a large dump is never held whole. */
		FILE *f = fopen(opt->dump, "r");
		struct stat st;

		if (!f)
			return psrc_error_(opt->dump, errno);
		if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
			fclose(f);
			return psrc_error_(opt->dump, EISDIR);
		}
		rc = vdisc_pci_dump_parse_file(f, &src->dump, where, sizeof(where));
		fclose(f);
	}
	if (rc) {
		cli_error("%s: %s", opt->dump, where[0] ? where : vdisc_strerror(rc));
		/* a read error is the file's, out of memory the run's; the rest is the text */
		return rc == -VDISC_EIO	     ? VDISC_EXIT_UNREADABLE
		       : rc == -VDISC_ENOMEM ? VDISC_EXIT_FAILED
					     : VDISC_EXIT_MALFORMED;
	}
	vdisc_pci_dump_ops(src->dump, &src->ops);
	src->name = "dump";
	return VDISC_EXIT_OK;
}

static int psrc_open_sysfs_(const struct pci_options *opt, struct pci_source *src)
{
	const char *root = opt->sysfs_root ? opt->sysfs_root : SYSFS_PCI;
	int err = vdisc_pci_sysfs_open(root, &src->sysfs), os = errno;

	if (err) {
		cli_error("%s: %s (no PCI bus visible through sysfs here)", root, strerror(os));
		/* the machine's own sysfs missing is "not here"; a root the user named, unreadable
		 */
		return opt->sysfs_root ? cli_exit_for_errno(os) : VDISC_EXIT_UNAVAILABLE;
	}
	vdisc_pci_sysfs_ops(src->sysfs, &src->ops);
	src->name = "sysfs";
	return VDISC_EXIT_OK;
}

static int psrc_open_devport_(struct pci_source *src)
{
	int err = vdisc_devport_open("/dev/port", &src->devport);

	if (err == -VDISC_ENOTFOUND)
		cli_error(
			"/dev/port: not present on this machine: -A devport is not available here");
	else if (err == -VDISC_EPERM)
		cli_error("/dev/port: %s (-A devport needs root)", strerror(errno));
	else if (err == -VDISC_ENOTSUP)
		cli_error("-A devport: no x86 port I/O here (this is not an x86 machine)");
	else if (err)
		cli_error("-A devport: ioperm: %s", strerror(errno));
	if (err)
		return VDISC_EXIT_UNAVAILABLE;
	vdisc_pci_conf1_ops(vdisc_devport_platform(src->devport), &src->ops);
	src->name = "devport";
	return VDISC_EXIT_OK;
}

static int psrc_open_libpci_(const struct pci_options *opt, struct pci_source *src,
			     const char *method)
{
	char why[256] = "";
	int err;

	if (opt->dump && (!method || strcmp(method, "dump") != 0)) {
		cli_error("-F goes with -A dump or -A libpci:dump");
		return VDISC_EXIT_USAGE;
	}
	if (method && strcmp(method, "dump") == 0 && !opt->dump) {
		cli_error("-A libpci:dump needs a file: -F FILE");
		return VDISC_EXIT_USAGE;
	}
	/* libpci says why only in words: a file it could not open is found out here first. */
	if (opt->dump && pci_readable(opt->dump, &err) != 0)
		return psrc_error_(opt->dump, err);
	err = vdisc_libpci_open(method, opt->dump, &src->libpci, why, sizeof(why));
	if (err == -VDISC_EINVAL) {
		cli_error("-A libpci:%s: %s (-A help lists them)", method, why);
		return VDISC_EXIT_USAGE;
	}
	if (err) {
		if (opt->dump) /* the file's fault: named first, as every bad input is */
			cli_error("%s: -A libpci:%s: %s", opt->dump, method,
				  why[0] ? why : vdisc_strerror(err));
		else
			cli_error("-A libpci%s%s: %s", method ? ":" : "", method ? method : "",
				  why[0] ? why : vdisc_strerror(err));
		return err == -VDISC_ENOMEM ? VDISC_EXIT_FAILED
		       : opt->dump	    ? VDISC_EXIT_MALFORMED
					    : VDISC_EXIT_UNAVAILABLE;
	}
	vdisc_libpci_ops(src->libpci, &src->ops);
	src->name = vdisc_libpci_method(src->libpci);
	return VDISC_EXIT_OK;
}

int pci_source_open(const struct pci_options *opt, struct pci_source *src)
{
	const char *m = opt->access ? opt->access : opt->dump ? "dump" : "auto";

	/* Only the port-I/O backend writes: elsewhere the option would silently do nothing. */
	if (opt->size_bars && strcmp(m, "devport") != 0) {
		cli_error("--size-bars sizes BARs by writing them through port I/O: it needs -A "
			  "devport, not -A %s",
			  m);
		return VDISC_EXIT_USAGE;
	}
	if (strncmp(m, "libpci", 6) == 0 && (m[6] == '\0' || m[6] == ':'))
		return psrc_open_libpci_(opt, src, m[6] == ':' ? m + 7 : NULL);
	if (opt->dump && strcmp(m, "dump") != 0) {
		cli_error("-F reads a dump: it cannot be combined with -A %s", m);
		return VDISC_EXIT_USAGE;
	}
	if (strcmp(m, "dump") == 0) {
		if (!opt->dump) {
			cli_error("-A dump needs a file: -F FILE");
			return VDISC_EXIT_USAGE;
		}
		return psrc_open_dump_(opt, src);
	}
	if (strcmp(m, "sysfs") == 0 || strcmp(m, "auto") == 0)
		return psrc_open_sysfs_(opt, src);
	if (strcmp(m, "devport") == 0)
		return psrc_open_devport_(src);
	cli_error("-A %s: unknown access method (-A help lists them)", m);
	return VDISC_EXIT_USAGE;
}

void pci_source_close(struct pci_source *src)
{
	if (src->dump)
		vdisc_pci_dump_free(src->dump);
	if (src->sysfs)
		vdisc_pci_sysfs_close(src->sysfs);
	if (src->devport)
		vdisc_devport_close(src->devport);
	if (src->libpci)
		vdisc_libpci_close(src->libpci);
}

static int psrc_count_one_(void *arg, struct vdisc_pci_addr addr)
{
	(void)addr;
	++*(size_t *)arg;
	return 0;
}

size_t pci_source_arena_hint(const struct pci_source *src)
{
	size_t cap = (size_t)1 << 20, listed = 0;

	/* A source that lists its functions says how big the arena must be: no retries. */
	if (src->ops.list && src->ops.list(src->ops.ctx, psrc_count_one_, &listed) == 0)
		cap += listed *
		       (sizeof(struct vdisc_pci_function) + VDISC_PCIE_CONFIG_SIZE +
			sizeof(struct vdisc_device) + 64 * sizeof(struct vdisc_pci_cap) + 16);
	return cap;
}

int pci_source_enumerate(const struct pci_source *src, const struct pci_options *opt,
			 struct vdisc_model *model, struct vdisc_arena *arena, void **storage)
{
	struct vdisc_pci_options po = {.scan = opt->scan, .size_bars = opt->size_bars};
	size_t cap = pci_source_arena_hint(src);
	int err;

	for (;;) {
		*storage = malloc(cap);
		if (!*storage)
			return -VDISC_ENOMEM;
		vdisc_arena_init(arena, *storage, cap);
		vdisc_model_init(model, arena);
		model->source_name = src->name;
		err = vdisc_pci_enumerate(&src->ops, &po, model);
		if (err != -VDISC_ENOMEM || cap >= ((size_t)1 << 32))
			return err;
		free(*storage);
		cap *= 4;
	}
}
