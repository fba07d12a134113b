/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_ERRORS_H
#define VDISC_HOSTED_ERRORS_H

/*
 * Hosted calls report errors the core's way: 0 or -VDISC_E*.  Where the
 * cause was a system call, errno is left holding the system's reason, so a
 * front end can still say "Permission denied" rather than "not permitted".
 */

/**
 * vdisc_hosted_errno_ - the -VDISC_E* code for a system errno, errno set to it
 * @os_errno: the errno a failed system call left (saved before any cleanup)
 *
 * ENOENT/ENOTDIR/ENODEV/ENXIO: -VDISC_ENOTFOUND; EACCES/EPERM/EROFS:
 * -VDISC_EPERM; ENOMEM: -VDISC_ENOMEM; ENOSYS/EOPNOTSUPP/ENOTTY:
 * -VDISC_ENOTSUP; EINVAL/EMSGSIZE/ETOOMANYREFS: -VDISC_EINVAL; ETIMEDOUT: -VDISC_ETIMEDOUT;
 * anything else -VDISC_EIO.
 */
int vdisc_hosted_errno_(int os_errno);

#endif
