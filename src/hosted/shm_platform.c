/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* memfd_create(2) */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <vdisc/error.h>

#include "errors.h"
#include "shm_platform.h"

static size_t shm_page_size(void)
{
	long page = sysconf(_SC_PAGESIZE);

	return page > 0 ? (size_t)page : 4096u;
}

static void *shm_dma_alloc(void *ctx, size_t size, size_t align, uint64_t *phys)
{
	struct vdisc_shm_platform *s = ctx;
	size_t at;

	if (align == 0)
		align = 1;
	if (size == 0 || (align & (align - 1)) || align > s->size)
		return NULL;
	/* Aligning the offset aligns the device address too: the guest base is 4 GiB aligned. */
	at = (s->used + align - 1) & ~(align - 1);
	if (at < s->used || at > s->size || size > s->size - at)
		return NULL;
	s->used = at + size;
	/* Memory given back by dma_free holds the old contents. */
	memset(s->base + at, 0, size);
	if (phys)
		*phys = s->guest_base + at;
	return s->base + at;
}

static void shm_dma_free(void *ctx, void *p, size_t size)
{
	struct vdisc_shm_platform *s = ctx;

	/* Stack order only: anything else stays allocated until the region goes. */
	if (vdisc_shm_platform_contains(s, p, size) && (uint8_t *)p + size == s->base + s->used)
		s->used = (size_t)((uint8_t *)p - s->base);
}

static uint64_t shm_virt_to_phys(void *ctx, const void *p)
{
	const struct vdisc_shm_platform *s = ctx;

	/* Never a silent identity mapping: the back-end would read some other memory. */
	if (!vdisc_shm_platform_contains(s, p, 1))
		return VDISC_SHM_BAD_PHYS;
	return s->guest_base + (uint64_t)((const uint8_t *)p - s->base);
}

static uint64_t shm_now_ns(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void shm_mb(void *ctx)
{
	(void)ctx;
	/* The back-end is another process on another CPU: order stores and loads both ways. */
	atomic_thread_fence(memory_order_seq_cst);
}

int vdisc_shm_platform_init(struct vdisc_shm_platform *s, size_t bytes)
{
	size_t page = shm_page_size(), size;
	int err, saved;

	if (!s)
		return vdisc_hosted_errno_(EINVAL);
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	size = (bytes + page - 1) & ~(page - 1);
	if (bytes == 0 || size < bytes)
		return vdisc_hosted_errno_(EINVAL);
	s->fd = memfd_create("vdisc-dma", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (s->fd < 0)
		return vdisc_hosted_errno_(errno);
	/* Sealed at its size: a back-end holding the fd cannot shrink it under us (SIGBUS). */
	if (ftruncate(s->fd, (off_t)size) != 0 ||
	    fcntl(s->fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) {
		err = vdisc_hosted_errno_(errno);
		goto fail;
	}
	s->base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, s->fd, 0);
	if (s->base == MAP_FAILED) {
		s->base = NULL;
		err = vdisc_hosted_errno_(errno);
		goto fail;
	}
	s->size = size;
	s->guest_base = VDISC_SHM_GUEST_BASE;
	s->platform = (struct vdisc_platform){.ctx = s,
					      .dma_alloc = shm_dma_alloc,
					      .dma_free = shm_dma_free,
					      .virt_to_phys = shm_virt_to_phys,
					      .now_ns = shm_now_ns,
					      .mb = shm_mb};
	return 0;
fail:
	saved = errno;
	close(s->fd);
	s->fd = -1;
	errno = saved;
	return err;
}

void vdisc_shm_platform_destroy(struct vdisc_shm_platform *s)
{
	if (!s)
		return;
	if (s->base)
		munmap(s->base, s->size);
	if (s->fd >= 0)
		close(s->fd);
	s->base = NULL;
	s->fd = -1;
	s->size = s->used = 0;
}

int vdisc_shm_platform_contains(const struct vdisc_shm_platform *s, const void *p, size_t len)
{
	uintptr_t a = (uintptr_t)p, lo;

	if (!s || !p || !s->base)
		return 0;
	if (len == 0)
		len = 1;
	lo = (uintptr_t)s->base;
	return a >= lo && a - lo < s->size && len <= s->size - (a - lo);
}

void *vdisc_shm_platform_to_user(const struct vdisc_shm_platform *s, uint64_t phys, size_t len)
{
	uint64_t off;

	if (!s || !s->base || phys < s->guest_base)
		return NULL;
	if (len == 0)
		len = 1;
	off = phys - s->guest_base;
	if (off >= s->size || len > s->size - off)
		return NULL;
	return s->base + off;
}
