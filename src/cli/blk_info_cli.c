/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <json-c/json.h>
#include <string.h>

#include "blk_cli.h"
#include "cli.h"
#include "virtio_cli.h"

/*
 * vdisc blk info: what the device offers and what vdisc's driver
 * negotiated -- virtio feature names with vhost-user's own bits apart,
 * the protocol features, capacity, block size, queues, limits, serial --
 * and its whole configuration, decoded field by field.
 */

#define INFO_QUEUES_ 16u
#define INFO_CONFIG_BYTES_ 60u	   /* virtio-blk's configuration through write_zeroes_may_unmap */
#define INFO_SHM_BYTES_ (8u << 20) /* 16 queues of 256 entries and their slots */

static int blk_info_config_read(void *ctx, uint16_t offset, unsigned width, uint64_t *value)
{
	struct vdisc_virtio_dev *dev = ctx;

	return dev->ops->config_read(dev, offset, width, value);
}

static void blk_info_text(FILE *out, struct blk_target *t, const char *serial,
			  const struct vdisc_virtio_config_ops *cfg)
{
	const struct vdisc_blk *b = &t->blk;
	char size[32];

	cli_format_size(size, sizeof(size), b->capacity * VDISC_BLK_SECTOR);
	fprintf(out, "%s: %s virtio-blk\n", t->name, t->backend->name);
	fprintf(out, "\tCapacity: %" PRIu64 " sectors of 512 bytes (%s)\n", b->capacity, size);
	fprintf(out, "\tLogical block: %" PRIu32 " bytes\n", b->blk_size);
	fprintf(out, "\tRead-only: %s\n", b->read_only ? "yes" : "no");
	fprintf(out, "\tSerial (GET_ID): %s\n", serial ? serial : "(none)");
	fprintf(out, "\tQueues: %u offered, %u used; ring size %u, %u requests in flight\n",
		b->num_queues, b->nqueues, b->queues[0].vq.size, b->queues[0].nslots);
	fprintf(out,
		"\tRequests: up to %" PRIu32 " sectors, %" PRIu32 " segments of %" PRIu32
		" bytes; flush %s, discard %s, write-zeroes %s\n",
		b->max_req_sectors, b->seg_max, b->seg_bytes, b->flush ? "yes" : "no",
		b->discard ? "yes" : "no", b->write_zeroes ? "yes" : "no");
	fputs("\tFeatures offered: ", out);
	virtio_print_features(out, VDISC_VIRTIO_ID_BLOCK, &t->dev.offered);
	fputs("\n\tFeatures negotiated: ", out);
	virtio_print_features(out, VDISC_VIRTIO_ID_BLOCK, &t->dev.accepted);
	fputc('\n', out);
	t->backend->info_text(out, t);
	virtio_print_config(out, NULL, VDISC_VIRTIO_ID_BLOCK, &t->dev.offered, cfg);
}

static struct json_object *blk_info_json_queues(const struct vdisc_blk *b)
{
	struct json_object *q = json_object_new_object();

	json_object_object_add(q, "offered", json_object_new_int(b->num_queues));
	json_object_object_add(q, "used", json_object_new_int(b->nqueues));
	json_object_object_add(q, "size", json_object_new_int(b->queues[0].vq.size));
	json_object_object_add(q, "depth", json_object_new_int(b->queues[0].nslots));
	return q;
}

static struct json_object *blk_info_json_features(struct blk_target *t)
{
	struct json_object *f = json_object_new_object();

	json_object_object_add(f, "offered",
			       virtio_json_features(VDISC_VIRTIO_ID_BLOCK, &t->dev.offered));
	json_object_object_add(f, "negotiated",
			       virtio_json_features(VDISC_VIRTIO_ID_BLOCK, &t->dev.accepted));
	return f;
}

static void blk_info_json(FILE *out, struct blk_target *t, const char *serial,
			  const struct vdisc_virtio_config_ops *cfg)
{
	const struct vdisc_blk *b = &t->blk;
	struct json_object *root = json_object_new_object(), *config = json_object_new_object();

	json_object_object_add(root, "source", json_object_new_string(t->backend->name));
	json_object_object_add(root, "device", json_object_new_string(t->name));
	json_object_object_add(root, "capacity_sectors", json_object_new_uint64(b->capacity));
	json_object_object_add(root, "capacity_bytes",
			       json_object_new_uint64(b->capacity * VDISC_BLK_SECTOR));
	json_object_object_add(root, "blk_size", json_object_new_int64(b->blk_size));
	json_object_object_add(root, "read_only", json_object_new_boolean(b->read_only));
	json_object_object_add(root, "serial", serial ? json_object_new_string(serial) : NULL);
	json_object_object_add(root, "max_request_sectors",
			       json_object_new_int64(b->max_req_sectors));
	json_object_object_add(root, "queues", blk_info_json_queues(b));
	json_object_object_add(root, "features", blk_info_json_features(t));
	t->backend->info_json(root, t);
	virtio_print_config(out, config, VDISC_VIRTIO_ID_BLOCK, &t->dev.offered, cfg);
	json_object_object_add(root, "config", config);
	cli_json_print(out, root);
}

int blk_cmd_info(const struct blk_options *o)
{
	struct blk_target t;
	struct vdisc_virtio_config_ops cfg;
	char id[VDISC_VIRTIO_BLK_ID_BYTES + 1];
	const char *serial = NULL;
	/* Every queue the device has, up to 16 (MQ negotiated where offered), as a driver would. */
	int rc = blk_open(&t, o, INFO_SHM_BYTES_, INFO_QUEUES_, 0);

	if (rc != VDISC_EXIT_OK) {
		blk_close(&t);
		return rc;
	}
	if (vdisc_blk_get_id(&t.blk, id) == 0)
		serial = id[0] ? id : NULL; /* UNSUPP, or an empty answer: no serial */
	else if (t.blk.dead) {
		rc = blk_fail(&t, "GET_ID", -VDISC_EIO);
		blk_close(&t);
		return rc;
	}
	cfg = (struct vdisc_virtio_config_ops){
		.read = blk_info_config_read, .ctx = &t.dev, .size = INFO_CONFIG_BYTES_};
	if (o->json)
		blk_info_json(stdout, &t, serial, &cfg);
	else
		blk_info_text(stdout, &t, serial, &cfg);
	blk_close(&t);
	return VDISC_EXIT_OK;
}
