/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "blk_cli.h"
#include "hosted/shm_platform.h"
#include "hosted/vhost_user_transport.h"

/*
 * The vhost-user backend of vdisc blk: a memfd region shared with the
 * back-end process as the DMA memory, and the vhost-user transport over its
 * socket.
 */

struct blk_vu {
	struct vdisc_shm_platform shm;
	struct vdisc_vhost_user_transport vu;
	bool shm_open, vu_open;
	char why[192];
};

static struct blk_vu *blk_vu_of(const struct blk_target *t)
{
	return t->be;
}

static int blk_vu_open(struct blk_target *t, const char *where, int timeout_ms, size_t dma_bytes)
{
	struct blk_vu *v = calloc(1, sizeof(*v));
	int err;

	if (!v)
		return -VDISC_ENOMEM;
	t->be = v;
	v->vu.fd = -1;
	err = vdisc_shm_platform_init(&v->shm, dma_bytes);
	if (err < 0) {
		snprintf(v->why, sizeof(v->why), "%zu bytes of shared memory: %s", dma_bytes,
			 strerror(errno));
		return err;
	}
	v->shm_open = true;
	err = vdisc_vhost_user_transport_open(&v->vu, where, timeout_ms, &v->shm, &t->dev);
	v->vu_open = err == 0;
	return err;
}

static void blk_vu_close(struct blk_target *t)
{
	struct blk_vu *v = blk_vu_of(t);

	if (!v)
		return;
	if (v->vu_open)
		vdisc_vhost_user_transport_close(&v->vu);
	if (v->shm_open)
		vdisc_shm_platform_destroy(&v->shm);
	free(v);
	t->be = NULL;
}

static const char *blk_vu_why(const struct blk_target *t)
{
	const struct blk_vu *v = blk_vu_of(t);

	if (!v)
		return NULL;
	return v->why[0] ? v->why : v->vu.why;
}

/* The bits of the GET_FEATURES word that are vhost-user's, not the device's. */
static uint64_t blk_vu_vhost_bits(const struct blk_vu *v)
{
	return v->vu.features & ~vdisc_vhost_user_virtio_features(v->vu.features);
}

static void blk_vu_info_text(FILE *out, const struct blk_target *t)
{
	const struct blk_vu *v = blk_vu_of(t);

	fputs("\tvhost-user feature bits offered: ", out);
	blk_print_vhost_bits(out, blk_vu_vhost_bits(v));
	fputs("\n\tProtocol features offered: ", out);
	blk_print_protocol_features(out, v->vu.protocol_offered);
	fputs("\n\tProtocol features negotiated: ", out);
	blk_print_protocol_features(out, v->vu.protocol_accepted);
	fputc('\n', out);
}

static void blk_vu_info_json(struct json_object *root, const struct blk_target *t)
{
	const struct blk_vu *v = blk_vu_of(t);
	struct json_object *f;

	if (!json_object_object_get_ex(root, "features", &f))
		return;
	json_object_object_add(f, "vhost", blk_json_vhost_bits(blk_vu_vhost_bits(v)));
	json_object_object_add(f, "protocol_offered",
			       blk_json_protocol_features(v->vu.protocol_offered));
	json_object_object_add(f, "protocol_negotiated",
			       blk_json_protocol_features(v->vu.protocol_accepted));
}

const struct blk_backend blk_vhost_user_backend = {
	.name = "vhost-user",
	.open = blk_vu_open,
	.close = blk_vu_close,
	.why = blk_vu_why,
	.info_text = blk_vu_info_text,
	.info_json = blk_vu_info_json,
};
