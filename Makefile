# SPDX-License-Identifier: GPL-2.0
#
# keyseal: one entry point for building, checking, demonstrating and
# installing the module, the library and the command.
#
#   make                 module for KERNELRELEASE (default: the running
#                        kernel), libkeyseal and the keyseal command
#   make deps            install the Debian packages all of this needs
#   make test            unit tests, fuzz smoke, module build: no VM, about
#                        a minute, for every change
#   make style           checkpatch, sparse, kernel-doc, docutils
#   make check           everything the project promises, tested (README);
#                        KEYSEAL_DEBUG_KERNEL=1 adds make check-debug
#   make check-debug     the VM suites on a KASAN/kmemleak/lockdep kernel
#                        (Documentation/testing.rst)
#   make demo            both scenarios, for real, in a test VM (README)
#   make bench / fuzz    measurements and long fuzzing
#   make install         module, library, header, command and man pages
#   make uninstall       remove what make install put there

KERNELRELEASE ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KERNELRELEASE)/build
BUILD ?= $(CURDIR)/build

MODULE_BUILD := $(BUILD)/modules/$(KERNELRELEASE)
KERNEL_SOURCES := $(wildcard kernel/*.c kernel/*.h kernel/Kbuild kernel/uapi \
	kernel/shared/*.[ch] kernel/shared/*.mk)

export BUILD

all: module userspace

# Each kernel gets its own build directory (out-of-tree modules build in
# place), filled with links to the sources; shared/ is a directory there
# too, so that its objects are not written into the source tree.
module:
	@if [ ! -e "$(KDIR)/Makefile" ]; then \
		echo "No kernel headers at $(KDIR)."; \
		echo "Install linux-headers-$(KERNELRELEASE), or name an installed kernel with"; \
		echo "KERNELRELEASE= (found: $$(scripts/kernels.sh | tr '\n' ' '))."; \
		exit 1; \
	fi
	@mkdir -p $(MODULE_BUILD)/shared
	@for f in $(KERNEL_SOURCES); do \
		ln -sfn $(CURDIR)/$$f $(MODULE_BUILD)/$${f#kernel/}; done
	$(MAKE) -C $(KDIR) M=$(MODULE_BUILD) modules

userspace:
	$(MAKE) -C userspace

selftests:
	$(MAKE) -C selftests

deps:
	scripts/deps.sh

# The tiers of scripts/check.sh. Only the long runs install packages first;
# make test and make style say what is missing instead.
test style:
	scripts/check.sh $@

check: deps
	scripts/check.sh

check-debug: deps
	scripts/check.sh debug

demo: deps
	scripts/demo.sh

bench: deps
	scripts/bench.sh

# Every fuzzer for FUZZ_SECONDS (default 60) each, in $(BUILD)/fuzz/.
fuzz:
	userspace/fuzz/run.sh

# --- installation ------------------------------------------------------------
#
# GNU directory variables: PREFIX is /usr/local for a local install; packaging
# sets PREFIX=/usr and a multiarch LIBDIR (debian/rules). With DESTDIR the
# files are staged under another root, and depmod and ldconfig, which act on
# the running system, are left out.
#
#   install-module     keyseal.ko for KERNELRELEASE, into its updates/
#   install-userspace  libkeyseal (shared, static, headers, pkg-config), the
#                      keyseal command and the man pages there are
#   install-system     the udev rule for /dev/keyseal, the modules-load.d example
#   install-boot       the systemd units that load the root KEK and restore
#                      the keystore at boot, and keyseal-root-kek (not enabled:
#                      Documentation/admin-guide.rst, "Restoring keys at boot")

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/keyseal
MODDIR ?= /lib/modules/$(KERNELRELEASE)/updates
# udev reads no rules under /usr/local: a local install puts its rule with the
# administrator's own; a distribution's (PREFIX=/usr) goes with the others.
UDEVRULESDIR ?= $(if $(filter /usr,$(PREFIX)),/lib/udev/rules.d,/etc/udev/rules.d)
LIBEXECDIR ?= $(PREFIX)/libexec
SYSCONFDIR ?= /etc
# The keystore and the TPM's sealed root KEK: read at boot, before /var
# may be mounted from anywhere but the root file system.
STATEDIR ?= /var/lib/keyseal
SYSTEMDUNITDIR ?= $(if $(filter /usr,$(PREFIX)),/lib/systemd/system,$(PREFIX)/lib/systemd/system)
UNITS := keyseal-root-kek.service keyseal-restore.service

INSTALL ?= install

# The version is dkms.conf's PACKAGE_VERSION, the soname userspace/Makefile's.
LIB_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"$$/\1/p' dkms.conf)
LIB_SONAME := $(shell sed -n 's/^SONAME[[:space:]]*:=[[:space:]]*//p' userspace/Makefile)
LIB_SHLIB := libkeyseal.so.$(LIB_VERSION)
USERSPACE_BUILD := $(BUILD)/userspace
MAN_PAGES := $(wildcard userspace/man/*.[1-8])

# keyseal.pc names its directories relative to ${prefix} where it can, so
# that pkg-config --define-prefix can relocate it.
pc_path = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

install: install-module install-userspace install-system install-boot

install-module: module
	$(INSTALL) -d $(DESTDIR)$(MODDIR)
	$(INSTALL) -m 0644 $(MODULE_BUILD)/keyseal.ko $(DESTDIR)$(MODDIR)/
	$(if $(DESTDIR),,depmod -a $(KERNELRELEASE))

install-userspace: userspace
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
		$(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(INCLUDEDIR)/linux
	$(INSTALL) -m 0755 $(USERSPACE_BUILD)/keyseal $(DESTDIR)$(BINDIR)/
	$(INSTALL) -m 0644 $(USERSPACE_BUILD)/$(LIB_SHLIB) \
		$(USERSPACE_BUILD)/libkeyseal.a $(DESTDIR)$(LIBDIR)/
	ln -sf $(LIB_SHLIB) $(DESTDIR)$(LIBDIR)/$(LIB_SONAME)
	ln -sf $(LIB_SONAME) $(DESTDIR)$(LIBDIR)/libkeyseal.so
	$(INSTALL) -m 0644 userspace/lib/keyseal.h $(DESTDIR)$(INCLUDEDIR)/
	$(INSTALL) -m 0644 kernel/uapi/linux/keyseal.h \
		$(DESTDIR)$(INCLUDEDIR)/linux/
	sed -e 's|@PREFIX@|$(PREFIX)|' \
	    -e 's|@LIBDIR@|$(call pc_path,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(call pc_path,$(INCLUDEDIR))|' \
	    -e 's|@VERSION@|$(LIB_VERSION)|' \
		userspace/keyseal.pc.in >$(DESTDIR)$(PKGCONFIGDIR)/keyseal.pc
	for page in $(MAN_PAGES); do \
		dir=$(DESTDIR)$(MANDIR)/man$${page##*.}; \
		$(INSTALL) -d $$dir && $(INSTALL) -m 0644 $$page $$dir/ || exit; \
	done
	$(if $(DESTDIR),,ldconfig)

install-system:
	$(INSTALL) -d $(DESTDIR)$(UDEVRULESDIR) \
		$(DESTDIR)$(DOCDIR)/examples/modules-load.d
	$(INSTALL) -m 0644 userspace/system/60-keyseal.rules \
		$(DESTDIR)$(UDEVRULESDIR)/
	$(INSTALL) -m 0644 userspace/system/modules-load.conf \
		$(DESTDIR)$(DOCDIR)/examples/modules-load.d/keyseal.conf

# The units name the installed command and script.
install-boot:
	$(INSTALL) -d $(DESTDIR)$(LIBEXECDIR)/keyseal $(DESTDIR)$(SYSTEMDUNITDIR)
	$(INSTALL) -m 0755 userspace/system/keyseal-root-kek \
		$(DESTDIR)$(LIBEXECDIR)/keyseal/
	for unit in $(UNITS); do \
		sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@LIBEXECDIR@|$(LIBEXECDIR)|g' \
		    -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' -e 's|@STATEDIR@|$(STATEDIR)|g' \
			userspace/system/$$unit.in >$(DESTDIR)$(SYSTEMDUNITDIR)/$$unit && \
		chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/$$unit || exit; \
	done

# Removes exactly what install put there; directories shared with other
# software (bin/, include/linux/, man/man1/, ...) stay.
uninstall: uninstall-module uninstall-userspace uninstall-system uninstall-boot

uninstall-module:
	rm -f $(DESTDIR)$(MODDIR)/keyseal.ko
	$(if $(DESTDIR),,depmod -a $(KERNELRELEASE))

uninstall-userspace:
	rm -f $(DESTDIR)$(BINDIR)/keyseal \
		$(addprefix $(DESTDIR)$(LIBDIR)/,$(LIB_SHLIB) $(LIB_SONAME) \
			libkeyseal.so libkeyseal.a) \
		$(DESTDIR)$(PKGCONFIGDIR)/keyseal.pc \
		$(DESTDIR)$(INCLUDEDIR)/keyseal.h \
		$(DESTDIR)$(INCLUDEDIR)/linux/keyseal.h \
		$(foreach page,$(MAN_PAGES),$(DESTDIR)$(MANDIR)/man$(subst .,,$(suffix $(page)))/$(notdir $(page)))
	$(if $(DESTDIR),,ldconfig)

uninstall-system:
	rm -f $(DESTDIR)$(UDEVRULESDIR)/60-keyseal.rules \
		$(DESTDIR)$(DOCDIR)/examples/modules-load.d/keyseal.conf
	rmdir $(DESTDIR)$(DOCDIR)/examples/modules-load.d \
		$(DESTDIR)$(DOCDIR)/examples $(DESTDIR)$(DOCDIR) 2>/dev/null || true

uninstall-boot:
	rm -f $(DESTDIR)$(LIBEXECDIR)/keyseal/keyseal-root-kek \
		$(addprefix $(DESTDIR)$(SYSTEMDUNITDIR)/,$(UNITS))
	rmdir $(DESTDIR)$(LIBEXECDIR)/keyseal 2>/dev/null || true

clean:
	rm -rf $(BUILD)

.PHONY: all module userspace selftests deps test style check check-debug
.PHONY: demo bench fuzz clean
.PHONY: install install-module install-userspace install-system install-boot
.PHONY: uninstall uninstall-module uninstall-userspace uninstall-system
.PHONY: uninstall-boot
