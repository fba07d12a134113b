/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "blk_cli.h"
#include "cli.h"

/*
 * Opening a device for vdisc blk: the backend (the transport and the DMA
 * memory the device reaches), then the library's virtio-blk driver over it
 * -- the same negotiation, virtqueue and request code the boot kernels run.
 */

static const char *const blk_open_steps[] = {
	[VDISC_VIRTIO_STEP_NONE] = "set-up",
	[VDISC_VIRTIO_STEP_RESET] = "reset",
	[VDISC_VIRTIO_STEP_ACKNOWLEDGE] = "ACKNOWLEDGE",
	[VDISC_VIRTIO_STEP_DRIVER] = "DRIVER",
	[VDISC_VIRTIO_STEP_FEATURES] = "feature negotiation",
	[VDISC_VIRTIO_STEP_FEATURES_OK] = "FEATURES_OK",
	[VDISC_VIRTIO_STEP_QUEUES] = "queue set-up",
	[VDISC_VIRTIO_STEP_DRIVER_OK] = "DRIVER_OK",
};

/*
 * The exit status for @err, from the backend's open (the device named: @t's
 * transport not open yet) or later.  @os is the errno the backend left.
 * A device or back-end that breaks its protocol is a failed device
 * operation, not malformed input: from outside it cannot be told from one
 * that broke down mid-reply, and either way the device does not work.
 */
static int blk_exit_for(const struct blk_target *t, int err, int os)
{
	switch (err) {
	case -VDISC_EPERM:
	case -VDISC_ENOTSUP:
		return VDISC_EXIT_UNAVAILABLE; /* not permitted, in use, or not possible here */
	case -VDISC_ENOTFOUND:
	case -VDISC_EINVAL: /* opening: no such socket or function, or not one */
		return t->transport_open ? VDISC_EXIT_FAILED : VDISC_EXIT_UNREADABLE;
	case -VDISC_EIO: /* connect(2) refused: a socket nobody listens on */
		return !t->transport_open && os == ECONNREFUSED ? VDISC_EXIT_UNREADABLE
								: VDISC_EXIT_FAILED;
	default:
		return VDISC_EXIT_FAILED; /* timed out, stopped, out of memory, an I/O error */
	}
}

int blk_fail(const struct blk_target *t, const char *what, int err)
{
	int os = errno; /* the backend's reason, before anything here can change it */
	const char *why = blk_why(t);

	if (why && (strncmp(why, t->name, strlen(t->name)) == 0 ||
		    (t->label[0] && strncmp(why, t->label, strlen(t->label)) == 0)))
		cli_error("%s", why); /* the reason names the device already */
	else if (why && err == -VDISC_ETIMEDOUT)
		cli_error("%s: %s: timed out: %s%s", t->name, what, why,
			  t->blk_open ? ""
				      : " (a back-end serving another front-end does not answer)");
	else if (why)
		cli_error("%s: %s: %s", t->name, what, why);
	else if (err == -VDISC_ETIMEDOUT)
		cli_error("%s: %s: the device did not answer in time", t->name, what);
	else
		cli_error("%s: %s: %s", t->name, what, vdisc_strerror(err));
	return blk_exit_for(t, err, os);
}

const char *blk_why(const struct blk_target *t)
{
	return t->backend && t->be ? t->backend->why(t) : NULL;
}

void *blk_alloc(struct blk_target *t, size_t bytes)
{
	const struct vdisc_platform *p = t->dev.platform;
	uint64_t phys;

	return p && p->dma_alloc ? p->dma_alloc(p->ctx, bytes, 4096, &phys) : NULL;
}

static int blk_open_driver(struct blk_target *t, uint16_t nqueues, uint16_t depth)
{
	enum vdisc_virtio_init_step step = VDISC_VIRTIO_STEP_NONE;
	char what[64];
	int err;

	t->queues = calloc(nqueues, sizeof(*t->queues));
	if (!t->queues) {
		cli_error("%s: out of memory", t->name);
		return VDISC_EXIT_FAILED;
	}
	err = vdisc_blk_init_mq(&t->blk, &t->dev, t->queues, nqueues, depth, &step);
	if (err < 0) {
		snprintf(what, sizeof(what), "virtio-blk %s",
			 step < sizeof(blk_open_steps) / sizeof(blk_open_steps[0])
				 ? blk_open_steps[step]
				 : "set-up");
		return blk_fail(t, what, err);
	}
	t->blk_open = true;
	t->blk.spin_ns = t->spin_ns;
	return VDISC_EXIT_OK;
}

int blk_open(struct blk_target *t, const struct blk_options *o, size_t dma_bytes, uint16_t nqueues,
	     uint16_t depth)
{
	int err;

	blk_signals_install(); /* before anything is taken that must be given back */
	memset(t, 0, sizeof(*t));
	t->name = o->pci ? o->pci : o->vhost_user;
	t->backend = o->pci ? &blk_vfio_backend : &blk_vhost_user_backend;
	t->bind = o->bind;
	t->spin_ns = o->spin_us * 1000ull;
	err = t->backend->open(t, t->name, o->timeout_ms, dma_bytes);
	if (err < 0)
		return blk_fail(t, t->backend->name, err);
	t->transport_open = true;
	return blk_open_driver(t, nqueues, depth);
}

void blk_close(struct blk_target *t)
{
	if (t->blk_open)
		vdisc_blk_release(&t->blk); /* reset: the device lets go of the rings */
	if (t->backend)
		t->backend->close(t);
	free(t->queues);
	memset(t, 0, sizeof(*t));
}
