/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for vdisc_pci_assign(): the input is hostile hardware.
 * It decides which functions exist on a small tree of buses, their header
 * types, BAR types and size masks (64-bit, I/O, garbage, all ones),
 * bridges with their bus-number and window registers, stale values left
 * by "firmware", faults on single registers (read errors, write errors,
 * writes that do not land, reads that lie, size masks that change on every
 * write), the host bridge's windows (absent, overlapping, wrapping, tiny,
 * at the top of the address space) and the options.  Then the result is
 * enumerated with vdisc_pci_enumerate().
 *
 * Configuration cycles are routed as bridges route them: bus N is the root
 * bus, or the secondary bus of the first bridge (in device order) whose
 * secondary..subordinate range holds N, recursively, whatever numbers the
 * bridges hold at that moment.  What must hold (abort otherwise):
 *
 *  - accesses are 1, 2 or 4 bytes, aligned, in the header (the enumerator:
 *    in 256 bytes), on the segment asked for; at most OPS_LIMIT_ per call;
 *  - writes go only to functions that exist and a scan may reach
 *    (function 0, or any function of a multi-function device); assignment
 *    writes only layout 0/1 functions, only their command register, BARs,
 *    bus numbers and windows (never the ROM); no BAR is written while its
 *    function decodes; bus mastering is left as found unless asked for;
 *  - -VDISC_EINVAL exactly for bad options or windows, with no access at
 *    all; otherwise an error of the documented set, equal to
 *    first_error, and never 0 after an injected error;
 *  - seen from the accesses: every BAR placed (written, read back right)
 *    has the size it was measured to have, is aligned to it, lies in the
 *    root window of its kind (vdisc_pci_assign_to_cpu agrees), overlaps no
 *    other placed BAR, and their number is the report's bars_assigned;
 *  - decode of a space is enabled only where every BAR of that space was
 *    sized and placed (and, for a device, at least one);
 *  - when the call returned 0 and the hardware told no lie: every function
 *    of the tree was found, each decoded BAR is reached through every
 *    bridge above it (decode on, inside its window), and the enumerator
 *    finds as many functions.
 *
 * Input layout (bytes past the end read as 0): flags, root bus, last bus,
 * three windows (a mode byte each, then its fields), then function records
 * until the input ends: bus selector, devfn, header, flags, command, one
 * record per BAR, a bridge record (layout 1), up to three faults.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <vdisc/vdisc.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FNS_ 100  /* more than the 64 assignment configures */
#define MAX_BUSES_ 16 /* a chain deeper than the 8 bridge levels it numbers */
#define MAX_FAULTS_ 3
#define NREGS_ 16 /* header dwords; the rest of the 256 bytes reads 0 */
#define OPS_LIMIT_ 1000000ul
#define ARENA_ (1u << 20)
#define ERR_READ_ (-VDISC_ETIMEDOUT) /* injected errors: codes assignment never makes */
#define ERR_WRITE_ (-VDISC_EPERM)

/* Header dword indices. */
#define DW_CMD_ (VDISC_PCI_COMMAND / 4)
#define DW_BAR0_ (VDISC_PCI_BASE_ADDRESS_0 / 4)
#define DW_BUS_ (VDISC_PCI_PRIMARY_BUS / 4)
#define DW_IO_ (VDISC_PCI_IO_BASE / 4)
#define DW_MEM_ (VDISC_PCI_MEMORY_BASE / 4)
#define DW_PREF_ (VDISC_PCI_PREF_MEMORY_BASE / 4)
#define DW_PREF_HI_ (VDISC_PCI_PREF_BASE_UPPER32 / 4)
#define DW_PREF_LIMIT_HI_ (VDISC_PCI_PREF_LIMIT_UPPER32 / 4)
#define DW_IO_HI_ (VDISC_PCI_IO_BASE_UPPER16 / 4)

#define CHECK_(cond)             \
	do {                     \
		if (!(cond))     \
			abort(); \
	} while (0)

struct in_ {
	const uint8_t *p;
	size_t left;
};

static uint8_t u8_(struct in_ *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

static uint16_t u16_(struct in_ *in)
{
	uint16_t v = u8_(in);

	return (uint16_t)(v | u8_(in) << 8);
}

static uint32_t u32_(struct in_ *in)
{
	uint32_t v = u16_(in);

	return v | (uint32_t)u16_(in) << 16;
}

static uint64_t u64_(struct in_ *in)
{
	uint64_t v = u32_(in);

	return v | (uint64_t)u32_(in) << 32;
}

/* ---- the hardware ---- */

enum fault_kind_ {
	F_NONE_ = 0,
	F_READ_ERR_,	  /* the read fails (all ones) */
	F_WRITE_ERR_,	  /* the write fails, nothing lands */
	F_WRITE_IGNORED_, /* the write "succeeds", nothing lands */
	F_READ_LIE_,	  /* the read returns the value xor x */
	F_MASK_FLIP_,	  /* the register's writable mask and x swap after each write */
	F_NKINDS_
};

struct fault_ {
	uint8_t kind, dw, skip, times; /* after skip hits, times more (0: for ever) */
	uint32_t x;
	unsigned hits;
};

/* What one BAR dword went through during assignment, as the accesses show it. */
struct trk_ {
	bool ones;	 /* all ones written; the next write is the restore */
	bool mask_valid; /* the read right after the ones */
	bool hi;	 /* the pending placement write is a 64-bit BAR's upper half */
	uint32_t mask, pval;
};

enum last_ { L_NONE_ = 0, L_ONES_, L_PLACE_, L_LO64_ };

struct mfn_ {
	uint8_t bus, dev, fn, header; /* bus: index in the model's buses */
	int8_t child;		      /* the bus behind a bridge, or -1 */
	bool absent;		      /* vendor reads 0xffff or 0x0000 */
	uint16_t cmd_init;
	uint32_t val[NREGS_], wm[NREGS_];
	struct fault_ faults[MAX_FAULTS_];
	unsigned nfaults;
	/* Assignment, seen from here. */
	struct trk_ trk[NREGS_];
	uint8_t last, last_dw;
	unsigned setups;   /* all ones written to BAR0: set up (once, normally) */
	uint8_t decode_on; /* IO/MEMORY bits of every command value written */
	bool placed[6];
	uint64_t paddr[6], psize[6];
};

struct hw_ {
	struct mfn_ fns[MAX_FNS_];
	unsigned nfns, nbuses;
	int8_t slot[MAX_BUSES_][256];	      /* devfn -> fns index, -1 */
	int8_t parent[MAX_BUSES_];	      /* the bridge in front of a bus, -1 at the root */
	int8_t routers[MAX_BUSES_][MAX_FNS_]; /* reachable type 1 functions, devfn order */
	unsigned nrouters[MAX_BUSES_];
	struct vdisc_pci_assign_windows w;
	struct vdisc_pci_assign_options opt;
	struct vdisc_pci_assign_workspace ws; /* the call's tables (calloc'd; any contents do) */
	bool opt_null, rep_null;
	bool assigning, deceived, err_fired;
	unsigned long calls;
	unsigned events; /* BARs placed, counted from the accesses */
};

static uint32_t ones_(unsigned width)
{
	return width == 4 ? 0xffffffffu : (1u << (8 * width)) - 1;
}

static unsigned layout_(const struct mfn_ *f)
{
	return f->header & 0x7f;
}

static unsigned nbars_(const struct mfn_ *f)
{
	switch (layout_(f)) {
	case 0:
		return 6;
	case 1:
		return 2;
	case 2:
		return 1;
	default:
		return 0;
	}
}

/* The BAR's kind from its read-only low bits (the fuzzer never changes them). */
static bool bar_io_(const struct mfn_ *f, unsigned i)
{
	return f->val[DW_BAR0_ + i] & 1;
}

static bool bar_64_(const struct mfn_ *f, unsigned i)
{
	uint32_t v = f->val[DW_BAR0_ + i];

	return !(v & 1) && ((v >> 1) & 3) == 2 && i + 1 < nbars_(f);
}

static bool is_bar_dw_(const struct mfn_ *f, unsigned dw)
{
	return dw >= DW_BAR0_ && dw < DW_BAR0_ + nbars_(f);
}

/*
 * Whether @dw is a BAR's lower register as a walk from BAR0 sees it (an
 * upper half is skipped): its type bits are read-only, so the walk never
 * changes.
 */
static bool bar_lower_(const struct mfn_ *f, unsigned dw)
{
	unsigned i;

	for (i = 0; i < nbars_(f); i += bar_64_(f, i) ? 2 : 1)
		if (DW_BAR0_ + i == dw)
			return true;
	return false;
}

/* As Linux's pci_size(): the lowest address bit software may set. */
static uint64_t bar_size_(bool io, bool is64, uint64_t mask)
{
	mask &= io ? 0xfffffffcull : is64 ? ~(uint64_t)0xf : 0xfffffff0ull;
	return mask & (~mask + 1);
}

/* A scan reaches it: present, and function 0 or part of a multi-function device. */
static bool scannable_(const struct hw_ *h, const struct mfn_ *f)
{
	int i0;

	if (f->absent)
		return false;
	if (f->fn == 0)
		return true;
	i0 = h->slot[f->bus][f->dev * 8];
	return i0 >= 0 && !h->fns[i0].absent && (h->fns[i0].header & 0x80);
}

static uint8_t root_bus_(const struct hw_ *h)
{
	return h->opt_null ? 0 : h->opt.root_bus;
}

/* The model bus a configuration cycle for @busno reaches, or -1. */
static int route_(const struct hw_ *h, uint8_t busno)
{
	unsigned b = 0, depth, k;

	if (busno == root_bus_(h))
		return 0;
	for (depth = 0; depth < MAX_BUSES_; depth++) {
		int next = -2;

		for (k = 0; k < h->nrouters[b] && next == -2; k++) {
			const struct mfn_ *f = &h->fns[h->routers[b][k]];
			uint8_t sec = (uint8_t)(f->val[DW_BUS_] >> 8),
				sub = (uint8_t)(f->val[DW_BUS_] >> 16);

			if (busno < sec || busno > sub)
				continue;
			if (busno == sec)
				return f->child;
			next = f->child;
		}
		if (next < 0)
			return -1;
		b = (unsigned)next;
	}
	return -1;
}

static struct mfn_ *find_(struct hw_ *h, struct vdisc_pci_addr a)
{
	uint16_t seg = h->opt_null ? 0 : h->opt.segment;
	int b, i;

	CHECK_(a.segment == seg && a.dev < 32 && a.fn < 8);
	b = route_(h, a.bus);
	if (b < 0)
		return NULL;
	i = h->slot[b][a.dev * 8 + a.fn];
	return i < 0 ? NULL : &h->fns[i];
}

static struct fault_ *fault_hit_(struct mfn_ *f, enum fault_kind_ kind, unsigned dw)
{
	unsigned i;

	for (i = 0; i < f->nfaults; i++) {
		struct fault_ *ft = &f->faults[i];

		if (ft->kind != kind || ft->dw != dw)
			continue;
		ft->hits++;
		if (ft->hits > ft->skip &&
		    (!ft->times || ft->hits <= (unsigned)ft->skip + ft->times))
			return ft;
	}
	return NULL;
}

static void access_ok_(struct hw_ *h, uint16_t off, unsigned width)
{
	CHECK_(++h->calls <= OPS_LIMIT_);
	CHECK_(width == 1 || width == 2 || width == 4);
	CHECK_(off % width == 0 && off + width <= (h->assigning ? 0x40u : 0x100u));
}

/* ---- assignment seen from the accesses ---- */

static void place_event_(struct hw_ *h, struct mfn_ *f, unsigned i)
{
	unsigned d = DW_BAR0_ + i;
	bool io = bar_io_(f, i), is64 = bar_64_(f, i);
	uint64_t mask;

	/* Placed means sized first (all ones, then a good read). */
	CHECK_(f->trk[d].mask_valid && (!is64 || f->trk[d + 1].mask_valid));
	mask = f->trk[d].mask | (is64 ? (uint64_t)f->trk[d + 1].mask << 32 : 0);
	f->psize[i] = bar_size_(io, is64, mask);
	CHECK_(f->psize[i] != 0);
	f->paddr[i] = (f->trk[d].pval & (io ? ~3u : ~0xfu)) |
		      (is64 ? (uint64_t)f->trk[d + 1].pval << 32 : 0);
	f->placed[i] = true;
	h->events++;
}

/*
 * A read right after a placement write is its check, as vdisc_pci_assign
 * does it: the BAR is placed when the value holds (and, for a 64-bit BAR,
 * the upper half then too).
 */
static void track_read_(struct hw_ *h, struct mfn_ *f, unsigned dw, unsigned width, uint32_t v,
			bool ok)
{
	uint8_t last = f->last;
	struct trk_ *t;
	uint32_t check;

	f->last = L_NONE_;
	if (!h->assigning || width != 4 || !is_bar_dw_(f, dw) || dw != f->last_dw)
		return;
	t = &f->trk[dw];
	if (last == L_ONES_) {
		t->mask = v;
		t->mask_valid = ok;
		return;
	}
	if (last != L_PLACE_ || !ok)
		return;
	check = t->hi ? 0xffffffffu : bar_io_(f, dw - DW_BAR0_) ? 0xfffffffcu : 0xfffffff0u;
	if ((v ^ t->pval) & check)
		return;
	if (t->hi) {
		place_event_(h, f, dw - 1 - DW_BAR0_);
	} else if (bar_64_(f, dw - DW_BAR0_)) {
		f->last = L_LO64_;
		f->last_dw = (uint8_t)dw;
	} else {
		place_event_(h, f, dw - DW_BAR0_);
	}
}

static void track_command_(struct hw_ *h, struct mfn_ *f, uint32_t v)
{
	unsigned flags = h->opt_null ? 0 : h->opt.flags;

	f->decode_on |= (uint8_t)(v & (VDISC_PCI_COMMAND_IO | VDISC_PCI_COMMAND_MEMORY));
	if (!(flags & VDISC_PCI_ASSIGN_ENABLE_MASTER))
		CHECK_((v & VDISC_PCI_COMMAND_MASTER) == (f->cmd_init & VDISC_PCI_COMMAND_MASTER));
}

/* Sizing is ones then the restore; anything else written to a BAR places it. */
static void track_write_(struct hw_ *h, struct mfn_ *f, unsigned dw, unsigned width, uint32_t v)
{
	uint8_t last = f->last, last_dw = f->last_dw;
	struct trk_ *t;

	f->last = L_NONE_;
	if (!h->assigning)
		return;
	if (dw == DW_CMD_ && width == 2) {
		track_command_(h, f, v);
		return;
	}
	if (!is_bar_dw_(f, dw))
		return;
	t = &f->trk[dw];
	f->last_dw = (uint8_t)dw;
	if (last == L_LO64_ && dw == last_dw + 1u) {
		t->pval = v;
		t->hi = true;
		f->last = L_PLACE_;
	} else if (t->ones) {
		t->ones = false;
	} else if (v == 0xffffffffu) {
		t->ones = true;
		t->mask_valid = false;
		f->last = L_ONES_;
		if (dw == DW_BAR0_)
			f->setups++;
	} else {
		t->pval = v;
		t->hi = false;
		f->last = L_PLACE_;
	}
}

/* ---- the ops ---- */

static bool assign_may_write_(const struct mfn_ *f, uint16_t off, unsigned width)
{
	if (off == 0x04)
		return width == 2;
	if (layout_(f) == 0)
		return width == 4 && off >= 0x10 && off <= 0x24;
	if (layout_(f) != 1)
		return false;
	if (off == 0x1c)
		return width == 2;
	return width == 4 && off >= 0x10 && off <= 0x30 && off != 0x1c;
}

static bool enum_may_write_(const struct mfn_ *f, uint16_t off)
{
	uint16_t rom = layout_(f) == 1 ? 0x38 : 0x30;

	if (off == 0x04)
		return true;
	if (layout_(f) > 2)
		return false;
	return (off >= 0x10 && off < 0x10 + 4 * nbars_(f)) || (off == rom && layout_(f) != 2);
}

static bool writes_bar_(const struct mfn_ *f, uint16_t off)
{
	uint16_t rom = layout_(f) == 1 ? 0x38 : 0x30;

	return (off >= 0x10 && off < 0x10 + 4 * nbars_(f)) || (off == rom && layout_(f) < 2);
}

static int hw_read_(void *ctx, struct vdisc_pci_addr a, uint16_t off, unsigned width,
		    uint32_t *value)
{
	struct hw_ *h = ctx;
	unsigned dw = off / 4;
	struct fault_ *ft;
	struct mfn_ *f;
	uint32_t v;

	access_ok_(h, off, width);
	*value = ones_(width);
	f = find_(h, a);
	if (!f)
		return 0;
	if (fault_hit_(f, F_READ_ERR_, dw)) {
		h->err_fired |= h->assigning;
		track_read_(h, f, dw, width, *value, false);
		return ERR_READ_;
	}
	v = dw < NREGS_ ? f->val[dw] : 0;
	ft = fault_hit_(f, F_READ_LIE_, dw);
	if (ft && ft->x) {
		v ^= ft->x;
		h->deceived = true;
	}
	*value = (v >> (8 * (off & 3))) & ones_(width);
	track_read_(h, f, dw, width, *value, true);
	return 0;
}

static int hw_write_(void *ctx, struct vdisc_pci_addr a, uint16_t off, unsigned width,
		     uint32_t value)
{
	struct hw_ *h = ctx;
	unsigned dw = off / 4, shift = 8 * (off & 3u);
	struct mfn_ *f;
	uint32_t m;

	access_ok_(h, off, width);
	f = find_(h, a);
	CHECK_(f && scannable_(h, f));
	CHECK_(h->assigning ? assign_may_write_(f, off, width) : enum_may_write_(f, off));
	CHECK_(!writes_bar_(f, off) ||
	       !(f->val[DW_CMD_] & (VDISC_PCI_COMMAND_IO | VDISC_PCI_COMMAND_MEMORY)));
	track_write_(h, f, dw, width, value);
	if (fault_hit_(f, F_WRITE_ERR_, dw)) {
		h->err_fired |= h->assigning;
		return ERR_WRITE_;
	}
	if (fault_hit_(f, F_WRITE_IGNORED_, dw)) {
		h->deceived = true;
		return 0;
	}
	m = f->wm[dw] & (ones_(width) << shift);
	f->val[dw] = (f->val[dw] & ~m) | ((value << shift) & m);
	{
		struct fault_ *ft = fault_hit_(f, F_MASK_FLIP_, dw);

		if (ft) {
			uint32_t was = f->wm[dw];

			f->wm[dw] = ft->x;
			ft->x = was;
			h->deceived = true;
		}
	}
	return 0;
}

static uint16_t hw_config_size_(void *ctx, struct vdisc_pci_addr a)
{
	(void)ctx;
	(void)a;
	return 256;
}

/* ---- the input ---- */

static void parse_window_(struct in_ *in, struct vdisc_pci_assign_window *w,
			  const struct vdisc_pci_assign_window *prev, unsigned space)
{
	static const uint64_t ceil[3] = {0xffff, 0xffffffff, UINT64_MAX};
	static const uint64_t qemu_base[3] = {0, 0x40000000, 0x400000000};
	static const uint64_t qemu_size[3] = {0x10000, 0x40000000, 0x400000000};
	uint8_t m = u8_(in), a, b;

	memset(w, 0, sizeof(*w));
	w->present = (m & 7) > 1;
	switch (m & 7) {
	case 1: /* not present, fields garbage */
	case 2:
		w->pci_base = u64_(in);
		w->size = u64_(in);
		break;
	case 3:
		a = u8_(in);
		b = u8_(in);
		w->pci_base = (uint64_t)u16_(in) << (a % 49);
		w->size = ((uint64_t)1 << (b % 64)) + (uint64_t)(int64_t)(int8_t)u8_(in);
		break;
	case 4: /* at the top of a space, or one past it */
		a = u8_(in);
		b = u8_(in);
		w->size = (uint64_t)1 << (b % 64);
		w->pci_base = ceil[a % 3] - (w->size - 1) + ((m >> 3) & 1);
		break;
	case 5:
		w->pci_base = u32_(in);
		w->size = 1 + u8_(in) % 16;
		break;
	case 6: /* overlapping the previous window */
		w->pci_base = (prev ? prev->pci_base : 0) + ((uint64_t)u16_(in) << 12);
		w->size = (uint64_t)1 << (u8_(in) % 64);
		break;
	case 7: /* QEMU virt's, or a fraction of it */
		w->pci_base = qemu_base[space];
		w->size = qemu_size[space] >> (u8_(in) % 8);
		break;
	default:
		break;
	}
	w->cpu_base = (m & 0x80) ? u64_(in) : w->pci_base;
	if (m & 0x40)
		w->present = !w->present;
}

/* One BAR record; returns the registers it takes (2 for a 64-bit BAR with room). */
static unsigned parse_bar_(struct in_ *in, struct mfn_ *f, unsigned i, unsigned n)
{
	uint8_t k = u8_(in), e = u8_(in), t;
	unsigned d = DW_BAR0_ + i;
	uint32_t type = 0, fixed = 0xf, wm = 0, hi = 0;
	uint64_t m64;
	bool is64 = false;

	switch (k & 3) {
	case 0: /* unimplemented, or garbage that reads back as it is */
		f->val[d] = (k & 0x80) ? u32_(in) : 0;
		f->wm[d] = 0;
		return 1;
	case 1:
		type = 1 | (k & 4 ? 2 : 0);
		fixed = 3;
		wm = ~((1u << (2 + e % 30)) - 1);
		if (k & 0x20)
			wm &= 0xffff;
		break;
	case 2: /* 32-bit, below-1M or the reserved type */
		t = (k >> 2) & 3;
		type = (t == 2 ? 2u : t == 3 ? 6u : 0u) | (k & 0x10 ? 8u : 0u);
		wm = ~((1u << (4 + e % 28)) - 1);
		break;
	default:
		type = 4 | (k & 0x10 ? 8u : 0u);
		m64 = ~(((uint64_t)1 << (4 + e % 60)) - 1);
		wm = (uint32_t)m64;
		hi = (uint32_t)(m64 >> 32);
		is64 = i + 1 < n;
		break;
	}
	if (k & 0x40) {
		wm = u32_(in);
		hi = is64 ? u32_(in) : 0;
	}
	f->wm[d] = wm & ~fixed;
	f->val[d] = type | ((k & 0x80) ? u32_(in) & ~fixed : 0);
	if (!is64)
		return 1;
	f->wm[d + 1] = hi;
	f->val[d + 1] = (k & 0x80) ? u32_(in) : 0;
	return 2;
}

static void parse_bridge_(struct hw_ *h, struct in_ *in, struct mfn_ *f, bool commit)
{
	uint8_t bf = u8_(in);

	f->wm[DW_BUS_] = 0xffffffff;
	f->val[DW_BUS_] = (bf & 0x20) ? u32_(in) : 0;
	if (bf & 1) { /* I/O window, 32-bit addressing with bit 1 */
		f->val[DW_IO_] = (bf & 2) ? 0x0101 : 0;
		f->wm[DW_IO_] = 0xf0f0;
		f->wm[DW_IO_HI_] = (bf & 2) ? 0xffffffff : 0;
	}
	f->wm[DW_MEM_] = 0xfff0fff0;
	if (bf & 4) { /* prefetchable window, 64-bit with bit 3 */
		f->val[DW_PREF_] = (bf & 8) ? 0x00010001 : 0;
		f->wm[DW_PREF_] = 0xfff0fff0;
		f->wm[DW_PREF_HI_] = f->wm[DW_PREF_LIMIT_HI_] = (bf & 8) ? 0xffffffff : 0;
	}
	if (bf & 0x80) { /* windows left open by earlier software */
		f->val[DW_MEM_] = u32_(in) & f->wm[DW_MEM_];
		f->val[DW_PREF_] |= u32_(in) & f->wm[DW_PREF_];
	}
	if (bf & 0x40) { /* one register as it pleases */
		unsigned d = DW_BUS_ + u8_(in) % 7;

		f->wm[d] = u32_(in);
		f->val[d] = u32_(in);
	}
	if ((bf & 0x10) && commit && h->nbuses < MAX_BUSES_) {
		f->child = (int8_t)h->nbuses;
		h->parent[h->nbuses++] = (int8_t)(f - h->fns);
	}
}

static void parse_fault_(struct in_ *in, struct mfn_ *f)
{
	struct fault_ *ft = &f->faults[f->nfaults];
	uint8_t kind = (uint8_t)(F_READ_ERR_ + u8_(in) % (F_NKINDS_ - 1)), dwb = u8_(in);
	unsigned n = layout_(f) <= 1 ? nbars_(f) : 0;

	memset(ft, 0, sizeof(*ft));
	ft->kind = kind;
	ft->dw = dwb % NREGS_;
	ft->skip = u8_(in) % 16;
	ft->times = u8_(in) % 4;
	ft->x = u32_(in);
	/* Lies and changing masks only where they cannot change routing or the layout. */
	if (kind == F_READ_LIE_ || kind == F_MASK_FLIP_) {
		unsigned span = kind == F_READ_LIE_ && layout_(f) == 1 ? 9 : n;

		if (!span) {
			ft->kind = F_NONE_;
		} else {
			ft->dw = (uint8_t)(DW_BAR0_ + dwb % span);
			if (ft->dw == DW_BUS_)
				ft->dw = DW_IO_;
			if (bar_lower_(f, ft->dw))
				ft->x &= (f->val[ft->dw] & 1) ? ~3u : ~0xfu;
		}
	}
	f->nfaults++;
}

static void parse_fn_(struct hw_ *h, struct in_ *in)
{
	static const uint32_t class_of[3] = {0x020000, 0x060400, 0x060700};
	uint8_t bsel = u8_(in), devfn = u8_(in), hdr = u8_(in), flags = u8_(in);
	unsigned bus = bsel % h->nbuses, layout = hdr & 3, i, n;
	struct mfn_ *f = &h->fns[h->nfns];
	unsigned s = (devfn & 31u) * 8 + (devfn >> 5);
	bool commit = h->slot[bus][s] < 0;
	uint16_t vendor = 0x1af4;

	memset(f, 0, sizeof(*f));
	if (layout == 3)
		layout += (hdr >> 2) & 0x1f;
	f->bus = (uint8_t)bus;
	f->dev = devfn & 31;
	f->fn = devfn >> 5;
	f->header = (uint8_t)(layout | (hdr & 0x80));
	f->child = -1;
	f->absent = (flags & 0x0c) == 0x0c;
	if (f->absent)
		vendor = (flags & 0x20) ? 0xffff : 0x0000;
	f->val[0] = (uint32_t)(0x1000 + devfn) << 16 | vendor;
	f->cmd_init = u8_(in) | (flags & 0x40 ? 0x0100 : 0);
	f->val[DW_CMD_] = f->cmd_init;
	f->wm[DW_CMD_] = (flags & 0x10) ? 0xfffc : 0xffff; /* decode bits stuck */
	f->val[2] = (layout < 3 ? class_of[layout] : 0xff0000) << 8;
	f->val[3] = (uint32_t)f->header << 16;
	n = nbars_(f);
	for (i = 0; i < n; i += parse_bar_(in, f, i, n))
		;
	/* Garbage type bits may make a register meant as an upper half a BAR of its own. */
	for (i = 0; i < n; i += bar_64_(f, i) ? 2 : 1)
		f->wm[DW_BAR0_ + i] &= (f->val[DW_BAR0_ + i] & 1) ? ~3u : ~0xfu;
	if (layout == 1)
		parse_bridge_(h, in, f, commit);
	while (f->nfaults < (flags & 3u))
		parse_fault_(in, f);
	f->last = L_NONE_;
	if (commit)
		h->slot[bus][s] = (int8_t)h->nfns++;
}

static void parse_(struct hw_ *h, struct in_ *in)
{
	uint8_t g = u8_(in), root = u8_(in), last = u8_(in);

	memset(h->slot, 0xff, sizeof(h->slot));
	h->parent[0] = -1;
	h->nbuses = 1;
	h->opt_null = (g & 8) != 0;
	h->rep_null = (g & 0x30) == 0x30;
	h->opt.flags = (g & 1) ? VDISC_PCI_ASSIGN_ENABLE_MASTER : 0;
	h->opt.segment = (g & 4) ? 0x2a : 0;
	h->opt.root_bus = root;
	h->opt.last_bus = (g & 2) ? last : (uint8_t)(root + last % (256u - root));
	parse_window_(in, &h->w.io, NULL, 0);
	parse_window_(in, &h->w.mem32, &h->w.io, 1);
	parse_window_(in, &h->w.mem64_pref, &h->w.mem32, 2);
	while (in->left && h->nfns < MAX_FNS_)
		parse_fn_(h, in);
}

/* Which bridges route, per bus, in device order (fixed: nothing routing depends on changes). */
static void build_routers_(struct hw_ *h)
{
	unsigned b, s;

	for (b = 0; b < h->nbuses; b++)
		for (s = 0; s < 256; s++) {
			int i = h->slot[b][s];

			if (i >= 0 && layout_(&h->fns[i]) == 1 && scannable_(h, &h->fns[i]))
				h->routers[b][h->nrouters[b]++] = (int8_t)i;
		}
}

/* ---- the invariants ---- */

struct span_ {
	bool io;
	uint64_t base, last;
};

static bool win_holds_(const struct vdisc_pci_assign_window *w, uint64_t addr, uint64_t size)
{
	uint64_t last = addr + (size - 1);

	return w->present && w->size && last >= addr && addr >= w->pci_base &&
	       last - w->pci_base <= w->size - 1;
}

/* Where assignment may put a BAR of this kind: pci_assign.h's rules. */
static void check_in_root_(const struct hw_ *h, bool io, bool pref64, uint64_t addr, uint64_t size)
{
	uint64_t cpu;

	CHECK_(size && !(addr & (size - 1)));
	CHECK_(vdisc_pci_assign_to_cpu(&h->w, io, addr, size, &cpu) == 0);
	if (io)
		CHECK_(addr >= 0x1000 && addr <= 0xffff && size - 1 <= 0xffff - addr &&
		       win_holds_(&h->w.io, addr, size));
	else if (!pref64)
		CHECK_(win_holds_(&h->w.mem32, addr, size));
	else
		CHECK_(win_holds_(&h->w.mem32, addr, size) ||
		       win_holds_(&h->w.mem64_pref, addr, size));
}

static void check_disjoint_(const struct span_ *s, unsigned n)
{
	unsigned i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			CHECK_(s[i].io != s[j].io || s[i].last < s[j].base ||
			       s[j].last < s[i].base);
}

static bool pref64_(const struct mfn_ *f, unsigned i)
{
	return bar_64_(f, i) && (f->val[DW_BAR0_ + i] & 8);
}

/* Decode of a space only where each of its BARs was sized and placed. */
static void check_decode_(const struct mfn_ *f)
{
	unsigned n = nbars_(f), i, s;

	for (s = 0; s < 2; s++) {
		uint8_t bit = s ? VDISC_PCI_COMMAND_MEMORY : VDISC_PCI_COMMAND_IO;
		bool any = false;

		if (!(f->decode_on & bit))
			continue;
		for (i = 0; i < n; i += bar_64_(f, i) ? 2 : 1) {
			unsigned d = DW_BAR0_ + i;
			bool io = bar_io_(f, i), is64 = bar_64_(f, i);
			uint64_t mask;

			CHECK_(f->trk[d].mask_valid && (!is64 || f->trk[d + 1].mask_valid));
			mask = f->trk[d].mask | (is64 ? (uint64_t)f->trk[d + 1].mask << 32 : 0);
			if (!bar_size_(io, is64, mask) || io != (s == 0))
				continue;
			CHECK_(f->placed[i]);
			any = true;
		}
		CHECK_(any || layout_(f) == 1);
	}
}

/* What the accesses show: placed BARs in their windows, apart, counted; decode as placed. */
static void check_accesses_(const struct hw_ *h, const struct vdisc_pci_assign_report *rep)
{
	static struct span_ spans[MAX_FNS_ * 6];
	unsigned fi, i, n = 0;

	CHECK_(!rep || h->events == rep->bars_assigned);
	for (fi = 0; fi < h->nfns; fi++) {
		const struct mfn_ *f = &h->fns[fi];

		/* Met twice (a bridge's stale numbers made two addresses of it): not judged. */
		if (f->setups > 1)
			continue;
		if (!f->setups)
			CHECK_(!f->decode_on);
		check_decode_(f);
		for (i = 0; i < 6; i++) {
			if (!f->placed[i])
				continue;
			check_in_root_(h, bar_io_(f, i), pref64_(f, i), f->paddr[i], f->psize[i]);
			spans[n++] = (struct span_){bar_io_(f, i), f->paddr[i],
						    f->paddr[i] + (f->psize[i] - 1)};
		}
	}
	check_disjoint_(spans, n);
}

/* A bridge forwards [addr, addr + size) of a space: decode on and inside a window. */
static bool forwards_(const struct mfn_ *p, bool io, uint64_t addr, uint64_t size)
{
	uint64_t last = addr + (size - 1), base, limit;
	uint32_t v;

	if (!(p->val[DW_CMD_] & (io ? VDISC_PCI_COMMAND_IO : VDISC_PCI_COMMAND_MEMORY)))
		return false;
	if (io) {
		v = p->val[DW_IO_];
		base = (v & 0xf0) << 8;
		limit = ((v >> 8) & 0xf0) << 8 | 0xfff;
		if ((v & 0xf) == 1) {
			base |= (uint64_t)(p->val[DW_IO_HI_] & 0xffff) << 16;
			limit |= (uint64_t)(p->val[DW_IO_HI_] >> 16) << 16;
		}
		return base <= addr && last <= limit;
	}
	v = p->val[DW_MEM_];
	if ((uint64_t)(v & 0xfff0) << 16 <= addr &&
	    last <= ((uint64_t)(v >> 16 & 0xfff0) << 16 | 0xfffff))
		return true;
	v = p->val[DW_PREF_];
	base = (uint64_t)(v & 0xfff0) << 16;
	limit = (uint64_t)(v >> 16 & 0xfff0) << 16 | 0xfffff;
	if ((v & 0xf) == 1) {
		base |= (uint64_t)p->val[DW_PREF_HI_] << 32;
		limit |= (uint64_t)p->val[DW_PREF_LIMIT_HI_] << 32;
	}
	return base <= addr && last <= limit;
}

/*
 * Known limit, not judged: with no usable mem32 window a bridge's own
 * 32-bit BARs have nowhere to go (bars_no_window, not an error), so its
 * memory decode stays off although 64-bit prefetchable BARs behind it were
 * placed in mem64_pref through its prefetchable window.
 */
static bool bridge_bars_unplaceable_(const struct hw_ *h, const struct mfn_ *p, bool io)
{
	const struct vdisc_pci_assign_window *m = &h->w.mem32;
	bool mem32 = m->present && m->size &&
		     (m->pci_base ? m->pci_base : 1) <= m->pci_base + (m->size - 1);

	return !io && !mem32 && !(p->val[DW_CMD_] & VDISC_PCI_COMMAND_MEMORY);
}

/* The hardware as it is now, for one function the walk must have configured. */
static unsigned check_truth_fn_(const struct hw_ *h, const struct mfn_ *f, struct span_ *spans)
{
	unsigned n = 0, i;

	for (i = 0; i < nbars_(f); i += bar_64_(f, i) ? 2 : 1) {
		unsigned d = DW_BAR0_ + i;
		bool io = bar_io_(f, i), is64 = bar_64_(f, i);
		uint64_t mask = f->wm[d] | f->val[d], addr = f->val[d] & (io ? ~3u : ~0xfu), size;
		int b;

		if (is64) {
			mask |= (uint64_t)(f->wm[d + 1] | f->val[d + 1]) << 32;
			addr |= (uint64_t)f->val[d + 1] << 32;
		}
		size = bar_size_(io, is64, mask);
		if (!size ||
		    !(f->val[DW_CMD_] & (io ? VDISC_PCI_COMMAND_IO : VDISC_PCI_COMMAND_MEMORY)))
			continue;
		check_in_root_(h, io, is64 && (f->val[d] & 8), addr, size);
		for (b = f->bus; h->parent[b] >= 0; b = h->fns[h->parent[b]].bus)
			CHECK_(forwards_(&h->fns[h->parent[b]], io, addr, size) ||
			       bridge_bars_unplaceable_(h, &h->fns[h->parent[b]], io));
		spans[n++] = (struct span_){io, addr, addr + (size - 1)};
	}
	return n;
}

/* Every function a walk reaches below model bus @b; their decoded BARs judged. */
static void walk_truth_(const struct hw_ *h, unsigned b, unsigned *nfns, unsigned *nbridges,
			struct span_ *spans, unsigned *nspans)
{
	unsigned dev, fn;

	for (dev = 0; dev < 32; dev++)
		for (fn = 0; fn < 8; fn++) {
			int i = h->slot[b][dev * 8 + fn];
			const struct mfn_ *f;

			if (i < 0 || !scannable_(h, &h->fns[i]))
				continue;
			f = &h->fns[i];
			++*nfns;
			if (layout_(f) > 1)
				continue;
			*nspans += check_truth_fn_(h, f, spans + *nspans);
			if (layout_(f) == 1)
				++*nbridges;
			if (f->child >= 0)
				walk_truth_(h, (unsigned)f->child, nfns, nbridges, spans, nspans);
		}
}

static void check_truth_(const struct hw_ *h, const struct vdisc_pci_assign_report *rep)
{
	static struct span_ spans[MAX_FNS_ * 6];
	unsigned nfns = 0, nbridges = 0, nspans = 0;

	walk_truth_(h, 0, &nfns, &nbridges, spans, &nspans);
	CHECK_(rep->functions == nfns && rep->bridges == nbridges);
	check_disjoint_(spans, nspans);
}

static bool bad_args_(const struct hw_ *h)
{
	const struct vdisc_pci_assign_window *ws[3] = {&h->w.io, &h->w.mem32, &h->w.mem64_pref};
	unsigned s;

	if (!h->opt_null && h->opt.last_bus < h->opt.root_bus)
		return true;
	for (s = 0; s < 3; s++) {
		uint64_t end = ws[s]->pci_base + (ws[s]->size - 1);

		if (!ws[s]->present || !ws[s]->size)
			continue;
		if (end < ws[s]->pci_base || (s == 1 && end > 0xffffffffu))
			return true;
	}
	/* Overlapping memory windows: one holds the other's first address. */
	return (ws[1]->present && ws[1]->size && win_holds_(ws[2], ws[1]->pci_base, 1)) ||
	       (ws[2]->present && ws[2]->size && win_holds_(ws[1], ws[2]->pci_base, 1));
}

static void check_result_(const struct hw_ *h, int err, const struct vdisc_pci_assign_report *rep)
{
	uint8_t root = root_bus_(h), last = h->opt_null ? 0xff : h->opt.last_bus;

	CHECK_((err == -VDISC_EINVAL) == bad_args_(h));
	if (err == -VDISC_EINVAL) {
		CHECK_(h->calls == 0);
		return;
	}
	CHECK_(err == 0 || err == -VDISC_ERANGE || err == -VDISC_ELOOP || err == -VDISC_ENOMEM ||
	       err == -VDISC_EIO || err == ERR_READ_ || err == ERR_WRITE_);
	CHECK_(!h->err_fired || err != 0);
	if (h->rep_null) { /* the same call without a report: what the accesses show */
		check_accesses_(h, NULL);
		return;
	}
	CHECK_(err == rep->first_error);
	CHECK_(err != 0 || rep->bars_failed == 0);
	CHECK_(rep->last_bus_used >= root && rep->last_bus_used <= last);
	CHECK_(rep->first_error_bar < 6 || rep->first_error_bar == VDISC_PCI_ASSIGN_NO_BAR);
	check_accesses_(h, rep);
	if (err == 0 && !h->deceived)
		check_truth_(h, rep);
}

/* The enumerator over the result: the source's errors only, and (if nothing lied) all of it. */
static void enumerate_(struct hw_ *h, const struct vdisc_pci_ops *ops, int err,
		       const struct vdisc_pci_assign_report *rep)
{
	static unsigned char buf[ARENA_];
	struct vdisc_pci_options opt = {.scan = VDISC_PCI_SCAN_BRIDGES, .size_bars = true};
	uint8_t root = root_bus_(h);
	uint16_t seg = h->opt_null ? 0 : h->opt.segment;
	const struct vdisc_device *dev;
	struct vdisc_arena arena;
	struct vdisc_model model;
	unsigned n = 0;
	int e;

	opt.root_buses = &root;
	opt.nroot_buses = 1;
	opt.segments = &seg;
	opt.nsegments = 1;
	vdisc_arena_init(&arena, buf, sizeof(buf));
	vdisc_model_init(&model, &arena);
	h->assigning = false;
	h->calls = 0;
	e = vdisc_pci_enumerate(ops, &opt, &model);
	CHECK_(e == 0 || e == ERR_READ_ || e == -VDISC_ENOMEM);
	if (e)
		return;
	for (dev = model.devices; dev; dev = dev->next) {
		CHECK_(dev->bus == VDISC_BUS_PCI && dev->pci);
		n++;
	}
	if (rep && err == 0 && !h->deceived)
		CHECK_(n == rep->functions);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hw_ *h = calloc(1, sizeof(*h));
	struct vdisc_pci_ops ops = {
		.name = "fuzz-assign",
		.read = hw_read_,
		.write = hw_write_,
		.config_size = hw_config_size_,
	};
	struct vdisc_pci_assign_report rep;
	struct in_ in = {data, size};
	int err;

	if (!h)
		return 0;
	parse_(h, &in);
	build_routers_(h);
	ops.ctx = h;
	h->assigning = true;
	err = vdisc_pci_assign(&ops, &h->w, h->opt_null ? NULL : &h->opt, &h->ws,
			       h->rep_null ? NULL : &rep);
	check_result_(h, err, &rep);
	enumerate_(h, &ops, err, h->rep_null ? NULL : &rep);
	free(h);
	return 0;
}
