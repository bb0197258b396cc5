/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The known-answer tests of the module's KAT variant (make module
 * KEYSEAL_KAT=y), which its init runs; a normal build has none.
 */
#ifndef _KEYSEAL_HPKE_KAT_H
#define _KEYSEAL_HPKE_KAT_H

#ifdef KEYSEAL_KAT
int keyseal_hpke_kat(void);
int keyseal_rsa_kat(void);
#else
static inline int keyseal_hpke_kat(void)
{
	return 0;
}

static inline int keyseal_rsa_kat(void)
{
	return 0;
}
#endif

#endif /* _KEYSEAL_HPKE_KAT_H */
