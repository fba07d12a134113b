/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

/*
 * The capabilities of I/O virtualization and address translation: ACS
 * (PCI Express Base 6.0, 7.7.11), ARI (7.8.7), ATS (10.5.1), PRI (10.5.2),
 * PASID (7.8.9) and SR-IOV (9.3.3), which isolate functions from each other,
 * widen function numbers, let a device cache IOMMU translations and share
 * one physical function among virtual ones.
 */

int vdisc_pci_decode_acs(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_acs *out)
{
	int rc = vdisc_pci_cap_check_(fn, cap, true, VDISC_PCI_EXT_CAP_ID_ACS,
				      VDISC_PCI_ACS_EGRESS_CTL_V);

	if (rc)
		return rc;
	out->cap = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_ACS_CAP);
	out->ctrl = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_ACS_CTRL);
	/* 7.7.11.2: the vector size means something only with egress control; 0 encodes 256. */
	out->egress_bits = (uint16_t)(out->cap >> VDISC_PCI_ACS_EGRESS_BITS_SHIFT);
	if (out->egress_bits == 0)
		out->egress_bits = 256;
	return 0;
}

int vdisc_pci_decode_ari(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_ari *out)
{
	int rc = vdisc_pci_cap_check_(fn, cap, true, VDISC_PCI_EXT_CAP_ID_ARI,
				      VDISC_PCI_ARI_CTRL + 2);

	if (rc)
		return rc;
	out->cap = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_ARI_CAP);
	out->ctrl = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_ARI_CTRL);
	out->next_function = (uint8_t)(out->cap >> VDISC_PCI_ARI_CAP_NFN_SHIFT);
	out->function_group =
		(uint8_t)((out->ctrl >> VDISC_PCI_ARI_CTRL_FG_SHIFT) & VDISC_PCI_ARI_CTRL_FG_MASK);
	return 0;
}

int vdisc_pci_decode_ats(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_ats *out)
{
	int rc = vdisc_pci_cap_check_(fn, cap, true, VDISC_PCI_EXT_CAP_ID_ATS,
				      VDISC_PCI_ATS_CTRL + 2);

	if (rc)
		return rc;
	out->cap = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_ATS_CAP);
	out->ctrl = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_ATS_CTRL);
	out->queue_depth_field = (uint8_t)(out->cap & VDISC_PCI_ATS_CAP_QDEP_MASK);
	out->queue_depth = out->queue_depth_field ? out->queue_depth_field : VDISC_PCI_ATS_MAX_QDEP;
	out->stu = (uint8_t)(out->ctrl & VDISC_PCI_ATS_CTRL_STU_MASK);
	out->enabled = (out->ctrl & VDISC_PCI_ATS_CTRL_ENABLE) != 0;
	return 0;
}

int vdisc_pci_decode_pri(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_pri *out)
{
	int rc =
		vdisc_pci_cap_check_(fn, cap, true, VDISC_PCI_EXT_CAP_ID_PRI, VDISC_PCI_PRI_SIZEOF);

	if (rc)
		return rc;
	out->ctrl = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_PRI_CTRL);
	out->status = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_PRI_STATUS);
	out->capacity = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_PRI_MAX_REQ);
	out->allocation = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_PRI_ALLOC_REQ);
	return 0;
}

int vdisc_pci_decode_pasid(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			   struct vdisc_pci_pasid *out)
{
	int rc = vdisc_pci_cap_check_(fn, cap, true, VDISC_PCI_EXT_CAP_ID_PASID,
				      VDISC_PCI_PASID_CTRL + 2);

	if (rc)
		return rc;
	out->cap = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_PASID_CAP);
	out->ctrl = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_PASID_CTRL);
	out->max_width = (uint8_t)((out->cap >> VDISC_PCI_PASID_CAP_WIDTH_SHIFT) &
				   VDISC_PCI_PASID_CAP_WIDTH_MASK);
	return 0;
}

/*
 * 9.3.3.14: VF BARs are memory BARs only; a 64-bit one takes the next slot as its upper
 * half.  A slot reading 0 (or all ones) is not implemented.  A 64-bit claim in the last
 * slot has no upper half inside the capability: the base keeps its lower half only.
 */
static void eciov_vf_bars_(struct vdisc_pci_sriov *out)
{
	unsigned i;

	for (i = 0; i < VDISC_PCI_SRIOV_NUM_BARS; i++) {
		uint32_t l = out->bar_regs[i];
		struct vdisc_pci_sriov_bar *b = &out->bars[out->nbars];

		if (l == 0 || l == 0xffffffffu)
			continue;
		b->index = (uint8_t)i;
		b->raw = l;
		b->mem_type = (uint8_t)(l & VDISC_PCI_BAR_MEM_TYPE_MASK);
		b->prefetchable = (l & VDISC_PCI_BAR_MEM_PREFETCH) != 0;
		b->base = l & VDISC_PCI_BAR_MEM_MASK;
		if (b->mem_type == VDISC_PCI_BAR_MEM_TYPE_64) {
			b->is64 = true;
			if (++i < VDISC_PCI_SRIOV_NUM_BARS)
				b->base |= (uint64_t)out->bar_regs[i] << 32;
		}
		out->nbars++;
	}
}

int vdisc_pci_decode_sriov(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			   struct vdisc_pci_sriov *out)
{
	uint16_t at;
	unsigned i;
	int rc = vdisc_pci_cap_check_(fn, cap, true, VDISC_PCI_EXT_CAP_ID_SRIOV,
				      VDISC_PCI_SRIOV_SIZEOF);

	if (rc)
		return rc;
	at = cap->offset;
	memset(out, 0, sizeof(*out));
	out->cap = vdisc_pci_cfg32(fn, at + VDISC_PCI_SRIOV_CAP);
	out->ctrl = vdisc_pci_cfg16(fn, at + VDISC_PCI_SRIOV_CTRL);
	out->status = vdisc_pci_cfg16(fn, at + VDISC_PCI_SRIOV_STATUS);
	out->initial_vfs = vdisc_pci_cfg16(fn, at + VDISC_PCI_SRIOV_INITIAL_VF);
	out->total_vfs = vdisc_pci_cfg16(fn, at + VDISC_PCI_SRIOV_TOTAL_VF);
	out->num_vfs = vdisc_pci_cfg16(fn, at + VDISC_PCI_SRIOV_NUM_VF);
	out->func_link = vdisc_pci_cfg8(fn, at + VDISC_PCI_SRIOV_FUNC_LINK);
	out->vf_offset = vdisc_pci_cfg16(fn, at + VDISC_PCI_SRIOV_VF_OFFSET);
	out->vf_stride = vdisc_pci_cfg16(fn, at + VDISC_PCI_SRIOV_VF_STRIDE);
	out->vf_device_id = vdisc_pci_cfg16(fn, at + VDISC_PCI_SRIOV_VF_DID);
	out->page_sizes = vdisc_pci_cfg32(fn, at + VDISC_PCI_SRIOV_SUP_PGSIZE);
	out->system_page_size = vdisc_pci_cfg32(fn, at + VDISC_PCI_SRIOV_SYS_PGSIZE);
	for (i = 0; i < VDISC_PCI_SRIOV_NUM_BARS; i++)
		out->bar_regs[i] = vdisc_pci_cfg32(fn, at + VDISC_PCI_SRIOV_BAR + 4 * i);
	out->migration = vdisc_pci_cfg32(fn, at + VDISC_PCI_SRIOV_VFM);
	out->migration_irq = (uint16_t)(out->cap >> VDISC_PCI_SRIOV_CAP_INTR_SHIFT);
	eciov_vf_bars_(out);
	return 0;
}
