"""Wheel build hook: the native binary as package data and a platform tag (scripts/build-wheel.sh)."""

import os

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        binary = os.environ.get("DISTILLSCOPE_BINARY")
        tag = os.environ.get("DISTILLSCOPE_WHEEL_TAG")
        if not binary or not tag:
            raise RuntimeError(
                "build the wheel with scripts/build-wheel.sh (it sets DISTILLSCOPE_BINARY and DISTILLSCOPE_WHEEL_TAG)")
        if not os.access(binary, os.X_OK):
            raise RuntimeError(f"DISTILLSCOPE_BINARY={binary} is not an executable file")
        build_data["pure_python"] = False
        build_data["tag"] = tag
        build_data["force_include"][binary] = "distillscope/bin/distillscope"
        for extra in os.environ.get("DISTILLSCOPE_WHEEL_EXTRA", "").split(os.pathsep):
            # name=path pairs (man page, completions) placed under distillscope/share/
            if "=" in extra:
                name, path = extra.split("=", 1)
                build_data["force_include"][path] = f"distillscope/share/{name}"
