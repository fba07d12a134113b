/* SPDX-License-Identifier: MIT */
#include <errno.h>

#include <vdisc/error.h>

#include "errors.h"

int vdisc_hosted_errno_(int os_errno)
{
	errno = os_errno;
	switch (os_errno) {
	case ENOENT:
	case ENOTDIR:
	case ENODEV:
	case ENXIO:
		return -VDISC_ENOTFOUND;
	case EACCES:
	case EPERM:
	case EROFS:
		return -VDISC_EPERM;
	case ENOMEM:
		return -VDISC_ENOMEM;
	case ENOSYS:
	case EOPNOTSUPP:
	case ENOTTY:
		return -VDISC_ENOTSUP;
	case EINVAL:
	case EMSGSIZE:	   /* a message larger than the protocol allows */
	case ETOOMANYREFS: /* more descriptors than a message may carry */
		return -VDISC_EINVAL;
	case ETIMEDOUT:
		return -VDISC_ETIMEDOUT;
	default:
		return -VDISC_EIO;
	}
}
