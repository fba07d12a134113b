/* SPDX-License-Identifier: MIT */
/*
 * The capability decoders beyond PM, MSI, MSI-X and Express on one
 * capability, for fuzz_pci_decode.c (standard ones refuse an extended
 * capability and the reverse):
 * whatever the bytes, each answers 0, -VDISC_EINVAL (not its id), -VDISC_ERANGE
 * (the snapshot ends inside it) or, for the indexed ones, -VDISC_ENOTFOUND
 * past the last entry, and refuses a standard capability.
 */
#include <stdlib.h>

#include <vdisc/vdisc.h>

#include "fuzz_pci_ecaps.h"

#define ECAPS_CHECK_(cond)       \
	do {                     \
		if (!(cond))     \
			abort(); \
	} while (0)

static void ecaps_answer_(const struct vdisc_pci_cap *cap, int err)
{
	ECAPS_CHECK_(err == 0 || err == -VDISC_EINVAL || err == -VDISC_ERANGE ||
		     err == -VDISC_ENOTFOUND);
	ECAPS_CHECK_(cap->extended || err == -VDISC_EINVAL);
}

static void ecaps_std_answer_(const struct vdisc_pci_cap *cap, int err)
{
	ECAPS_CHECK_(err == 0 || err == -VDISC_EINVAL || err == -VDISC_ERANGE);
	ECAPS_CHECK_(!cap->extended || err == -VDISC_EINVAL);
}

/* Enhanced allocation entries, each after the last, up to the count or the end. */
static void ecaps_ea_(const struct vdisc_pci_function *fn, const struct vdisc_pci_ea *ea)
{
	struct vdisc_pci_ea_entry e;
	int at = ea->first;
	unsigned i;

	for (i = 0; i < ea->entries && at > 0; i++) {
		int next = vdisc_pci_ea_entry(fn, (uint16_t)at, &e);

		ECAPS_CHECK_(next == -VDISC_ERANGE || next > at);
		at = next;
	}
}

void fuzz_pci_std_caps_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap)
{
	union {
		struct vdisc_pci_agp agp;
		struct vdisc_pci_slotid slotid;
		struct vdisc_pci_pcix pcix;
		struct vdisc_pci_ht ht;
		struct vdisc_pci_dbg dbg;
		struct vdisc_pci_ssvid ssvid;
		struct vdisc_pci_sata sata;
		struct vdisc_pci_af af;
		struct vdisc_pci_ea ea;
		struct vdisc_pci_vndr vndr;
	} u;

	ecaps_std_answer_(cap, vdisc_pci_decode_agp(fn, cap, &u.agp));
	ecaps_std_answer_(cap, vdisc_pci_decode_slotid(fn, cap, &u.slotid));
	ecaps_std_answer_(cap, vdisc_pci_decode_pcix(fn, cap, &u.pcix));
	ecaps_std_answer_(cap, vdisc_pci_decode_ht(fn, cap, &u.ht));
	ecaps_std_answer_(cap, vdisc_pci_decode_dbg(fn, cap, &u.dbg));
	ecaps_std_answer_(cap, vdisc_pci_decode_ssvid(fn, cap, &u.ssvid));
	ecaps_std_answer_(cap, vdisc_pci_decode_sata(fn, cap, &u.sata));
	ecaps_std_answer_(cap, vdisc_pci_decode_af(fn, cap, &u.af));
	ecaps_std_answer_(cap, vdisc_pci_decode_vndr(fn, cap, &u.vndr));
	if (vdisc_pci_decode_ea(fn, cap, &u.ea) == 0)
		ecaps_ea_(fn, &u.ea);
}

void fuzz_pci_vpd_(const uint8_t *data, size_t size)
{
	struct vdisc_pci_vpd_iter it = {0};
	struct vdisc_pci_vpd_item item;
	unsigned n = 0;

	it.vpd = data;
	it.size = (uint32_t)(size > 0xffffffffu ? 0xffffffffu : size);
	/* Every item takes at least one byte: a walk longer than the image loops. */
	while (vdisc_pci_vpd_next(&it, &item) == 1)
		ECAPS_CHECK_(++n <= size + 2);
}

#define ECAPS_TRY_(call) ecaps_answer_(cap, (call))

/* The decoders with an index: every entry up to the first not there (at most 256). */
static void ecaps_indexed_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap)
{
	struct vdisc_pci_rclink_entry rl;
	struct vdisc_cxl_reg_block rb;
	struct vdisc_pci_ide_stream is;
	unsigned i;
	int err;

	for (i = 0; i < 256; i++) {
		err = vdisc_pci_decode_rclink_entry(fn, cap, i, &rl);
		ecaps_answer_(cap, err);
		if (err)
			break;
	}
	for (i = 0; i < 256; i++) {
		err = vdisc_pci_decode_cxl_reg_block(fn, cap, i, &rb);
		ecaps_answer_(cap, err);
		if (err)
			break;
	}
	for (i = 0; i < 256; i++) {
		err = vdisc_pci_decode_ide_stream(fn, cap, i, &is);
		ecaps_answer_(cap, err);
		if (err)
			break;
	}
}

void fuzz_pci_ecaps_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
		     int port_type)
{
	union {
		struct vdisc_pci_aer aer;
		struct vdisc_pci_vc vc;
		struct vdisc_pci_rclink rclink;
		struct vdisc_pci_rcec rcec;
		struct vdisc_pci_pwr pwr;
		struct vdisc_pci_acs acs;
		struct vdisc_pci_ari ari;
		struct vdisc_pci_ats ats;
		struct vdisc_pci_pri pri;
		struct vdisc_pci_pasid pasid;
		struct vdisc_pci_sriov sriov;
		struct vdisc_pci_mcast mcast;
		struct vdisc_pci_tph tph;
		struct vdisc_pci_ltr ltr;
		struct vdisc_pci_secpci secpci;
		struct vdisc_pci_l1ss l1ss;
		struct vdisc_pci_ptm ptm;
		struct vdisc_pci_dpc dpc;
		struct vdisc_pci_doe doe;
		struct vdisc_pci_vsec vsec;
		struct vdisc_pci_rebar rebar;
		struct vdisc_pci_dvsec dvsec;
		struct vdisc_pci_dlf dlf;
		struct vdisc_pci_pl pl;
		struct vdisc_pci_lmr lmr;
		struct vdisc_pci_npem npem;
		struct vdisc_pci_ide ide;
	} u;
	uint64_t serial;

	ECAPS_TRY_(vdisc_pci_decode_aer(fn, cap, port_type, &u.aer));
	ECAPS_TRY_(vdisc_pci_decode_vc(fn, cap, &u.vc));
	ECAPS_TRY_(vdisc_pci_decode_dsn(fn, cap, &serial));
	ECAPS_TRY_(vdisc_pci_decode_rclink(fn, cap, &u.rclink));
	ECAPS_TRY_(vdisc_pci_decode_rcec(fn, cap, &u.rcec));
	ECAPS_TRY_(vdisc_pci_decode_pwr(fn, cap, &u.pwr));
	ECAPS_TRY_(vdisc_pci_decode_acs(fn, cap, &u.acs));
	ECAPS_TRY_(vdisc_pci_decode_ari(fn, cap, &u.ari));
	ECAPS_TRY_(vdisc_pci_decode_ats(fn, cap, &u.ats));
	ECAPS_TRY_(vdisc_pci_decode_pri(fn, cap, &u.pri));
	ECAPS_TRY_(vdisc_pci_decode_pasid(fn, cap, &u.pasid));
	ECAPS_TRY_(vdisc_pci_decode_sriov(fn, cap, &u.sriov));
	ECAPS_TRY_(vdisc_pci_decode_mcast(fn, cap, port_type, &u.mcast));
	ECAPS_TRY_(vdisc_pci_decode_tph(fn, cap, &u.tph));
	ECAPS_TRY_(vdisc_pci_decode_ltr(fn, cap, &u.ltr));
	ECAPS_TRY_(vdisc_pci_decode_secpci(fn, cap, &u.secpci));
	ECAPS_TRY_(vdisc_pci_decode_l1ss(fn, cap, &u.l1ss));
	ECAPS_TRY_(vdisc_pci_decode_ptm(fn, cap, &u.ptm));
	ECAPS_TRY_(vdisc_pci_decode_dpc(fn, cap, &u.dpc));
	ECAPS_TRY_(vdisc_pci_decode_doe(fn, cap, &u.doe));
	ECAPS_TRY_(vdisc_pci_decode_vsec(fn, cap, &u.vsec));
	ECAPS_TRY_(vdisc_pci_decode_rebar(fn, cap, &u.rebar));
	ECAPS_TRY_(vdisc_pci_decode_dvsec(fn, cap, &u.dvsec));
	ECAPS_TRY_(vdisc_pci_decode_dlf(fn, cap, &u.dlf));
	ECAPS_TRY_(vdisc_pci_decode_pl(fn, cap, &u.pl));
	ECAPS_TRY_(vdisc_pci_decode_lmr(fn, cap, &u.lmr));
	ECAPS_TRY_(vdisc_pci_decode_npem(fn, cap, &u.npem));
	ECAPS_TRY_(vdisc_pci_decode_ide(fn, cap, &u.ide));
	ecaps_indexed_(fn, cap);
}
