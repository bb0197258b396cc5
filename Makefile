# SPDX-License-Identifier: GPL-2.0
#
# keyseal: one entry point for building, checking, demonstrating and
# installing the module, the library and the command.
#
#   make                 module for KERNELRELEASE (default: the running
#                        kernel), libkeyseal and the keyseal command
#   make check           everything the project promises, tested (README)
#   make demo            both scenarios, for real, in a test VM (README)
#   make bench / fuzz    measurements and long fuzzing
#   make install         module, library, header, command and man pages

KERNELRELEASE ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KERNELRELEASE)/build
BUILD ?= $(CURDIR)/build

MODULE_BUILD := $(BUILD)/modules/$(KERNELRELEASE)
KERNEL_SOURCES := $(wildcard kernel/*.c kernel/*.h kernel/Kbuild kernel/uapi)

export BUILD

all: module userspace

# Each kernel gets its own build directory (out-of-tree modules build in
# place), filled with links to the sources.
module:
	@if [ ! -e "$(KDIR)/Makefile" ]; then \
		echo "No kernel headers at $(KDIR)."; \
		echo "Install linux-headers-$(KERNELRELEASE), or name an installed kernel with"; \
		echo "KERNELRELEASE= (found: $$(scripts/kernels.sh | tr '\n' ' '))."; \
		exit 1; \
	fi
	@mkdir -p $(MODULE_BUILD)
	@for f in $(KERNEL_SOURCES); do ln -sfn $(CURDIR)/$$f $(MODULE_BUILD)/; done
	$(MAKE) -C $(KDIR) M=$(MODULE_BUILD) modules

userspace:
	$(MAKE) -C userspace

selftests:
	$(MAKE) -C selftests

check:
	scripts/check.sh

demo:
	scripts/demo.sh

clean:
	rm -rf $(BUILD)

.PHONY: all module userspace selftests check demo clean
