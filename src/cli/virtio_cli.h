/* SPDX-License-Identifier: MIT */
#ifndef VDISC_VIRTIO_CLI_H
#define VDISC_VIRTIO_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <vdisc/vdisc.h>

#include "hosted/virtio_sysfs.h"

struct json_object;

/* The options of `vdisc virtio`, parsed in cmd_virtio.c for every subcommand. */
struct virtio_options {
	const char *sub;
	const char *type;
	const char *bits;
	const char *sysfs_root;
	const char *scan;
	const char *features; /* 'config': offered features, HEX[:HEX] */
	const char *cmdline;  /* --cmdline's string, or NULL for /proc/cmdline */
	bool sysfs, json, use_cmdline;
	char **words; /* the arguments after the subcommand (room for argc of them) */
	int nwords;
};

/* The subcommands, one file each: virtio_{types,features,config,mmio}_cli.c */
int virtio_cmd_types(const struct virtio_options *opt);
int virtio_cmd_features(const struct virtio_options *opt);
int virtio_cmd_config(const struct virtio_options *opt);
int virtio_cmd_mmio(const struct virtio_options *opt);

/* virtio_args.c */
/* A type by number, name or alias (virtio_type_alias()): 0, or -1 when it is none. */
int virtio_parse_type(const char *s, uint32_t *type);
/* The same, saying on stderr what is wrong and which names are close: 0, or -1. */
int virtio_type_arg(const char *s, uint32_t *type);
/* The @index-th short alias of @type (0, 1, ...), or NULL after the last. */
const char *virtio_type_alias(uint32_t type, size_t index);
int virtio_parse_word(const char *s, unsigned index, struct vdisc_virtio_features *f);

/* virtio_names.c */
void virtio_print_features(FILE *out, uint32_t device_type, const struct vdisc_virtio_features *f);
void virtio_print_status(FILE *out, uint32_t status);
struct json_object *virtio_json_features(uint32_t device_type,
					 const struct vdisc_virtio_features *f);
struct json_object *virtio_json_feature_bits(uint32_t device_type,
					     const struct vdisc_virtio_features *f);
void virtio_print_feature_words(FILE *out, const struct vdisc_virtio_features *f,
				const char *const *source);
struct json_object *virtio_json_status(uint32_t status);
const char *virtio_type_text(uint32_t type, char *buf, size_t len);
const char *virtio_pci_kind_name(enum vdisc_virtio_pci_kind kind);

/* virtio_mmio_cli.c */
int virtio_mmio_probe_print(uint64_t base, uint64_t size, struct json_object *arr, bool quiet);
int virtio_window_error(const char *what, int err);

/* virtio_config_cli.c */
int virtio_print_config(FILE *out, struct json_object *obj, uint32_t type,
			const struct vdisc_virtio_features *features,
			const struct vdisc_virtio_config_ops *ops);

#endif
