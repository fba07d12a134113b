/* SPDX-License-Identifier: MIT */
#ifndef VDISC_REGISTRY_INTERNAL_H
#define VDISC_REGISTRY_INTERNAL_H

#include "../discover/vdisc_env.h"

#include <vdisc/registry.h>

/* match.c: what the registry refuses before it links a struct. */
bool vdisc_registry_driver_valid_(const struct vdisc_driver *drv);
bool vdisc_registry_device_valid_(const struct vdisc_bus_device *bdev);

#endif
