#!/usr/bin/env python3
"""Conformance oracle: renders every case of tables/*.yaml with python3 + Jinja2 3.1 set up the
way dbt sets it up, and writes expected/<table>.json, which the vitest runner reads.

A dev tool only (tests never need Python). Re-run after editing a table:

    python3 test/unit/jinja/conformance/generate-expected.py

The environment mirrors dbt-core's (dbt_common/clients/jinja.py): a SandboxedEnvironment with the
do and loopcontrols extensions plus dbt's materialization/docs/test block tags, default Undefined,
and the base context members tx implements (return, tojson, fromjson, toyaml, fromyaml,
local_md5, zip, set, exceptions, log, print, modules with datetime, re, itertools and pytz). A macro that calls return() gives back the
value, as dbt's MacroGenerator does. Snapshot blocks render their contents, which is what dbt
makes of a snapshot file (the block's body becomes the node's SQL).
"""
import datetime
import glob
import hashlib
import itertools
import json
import os
import re
import sys

import jinja2
import jinja2.ext

try:
    import pytz
except ImportError:  # Debian's python3-tz, when this interpreter does not see it
    sys.path.append("/usr/lib/python3/dist-packages")
    import pytz
import jinja2.nodes
import jinja2.runtime
import yaml
from jinja2.sandbox import SandboxedEnvironment

HERE = os.path.dirname(os.path.abspath(__file__))


class MacroReturn(Exception):
    def __init__(self, value):
        self.value = value


# dbt's MacroGenerator catches MacroReturn around every macro call.
_invoke = jinja2.runtime.Macro._invoke


def _invoke_with_return(self, arguments, autoescape):
    try:
        return _invoke(self, arguments, autoescape)
    except MacroReturn as e:
        return e.value


jinja2.runtime.Macro._invoke = _invoke_with_return


class MaterializationExtension(jinja2.ext.Extension):
    tags = {"materialization"}

    def parse(self, parser):
        node = jinja2.nodes.Macro(lineno=next(parser.stream).lineno)
        name = parser.parse_assign_target(name_only=True).name
        adapter = "default"
        node.args = []
        node.defaults = []
        while parser.stream.skip_if("comma"):
            target = parser.parse_assign_target(name_only=True)
            if target.name == "default":
                pass
            elif target.name == "adapter":
                parser.stream.expect("assign")
                adapter = parser.parse_expression().value
            elif target.name == "supported_languages":
                parser.stream.expect("assign")
                parser.parse_expression()
            else:
                raise jinja2.TemplateSyntaxError(f"materialization '{name}': unexpected argument '{target.name}'", node.lineno)
        node.name = f"materialization_{name}_{adapter}"
        node.body = parser.parse_statements(("name:endmaterialization",), drop_needle=True)
        return node


class DocumentationExtension(jinja2.ext.Extension):
    tags = {"docs"}

    def parse(self, parser):
        node = jinja2.nodes.Macro(lineno=next(parser.stream).lineno)
        name = parser.parse_assign_target(name_only=True).name
        node.args = []
        node.defaults = []
        node.name = f"docs_{name}"
        node.body = parser.parse_statements(("name:enddocs",), drop_needle=True)
        return node


class TestExtension(jinja2.ext.Extension):
    tags = {"test"}

    def parse(self, parser):
        node = jinja2.nodes.Macro(lineno=next(parser.stream).lineno)
        name = parser.parse_assign_target(name_only=True).name
        parser.parse_signature(node)
        node.name = f"test_{name}"
        node.body = parser.parse_statements(("name:endtest",), drop_needle=True)
        return node


class SnapshotExtension(jinja2.ext.Extension):
    tags = {"snapshot"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        parser.parse_assign_target(name_only=True)
        body = parser.parse_statements(("name:endsnapshot",), drop_needle=True)
        return jinja2.nodes.Scope(body, lineno=lineno)


def make_env():
    env = SandboxedEnvironment(
        extensions=[
            "jinja2.ext.do",
            "jinja2.ext.loopcontrols",
            MaterializationExtension,
            DocumentationExtension,
            TestExtension,
            SnapshotExtension,
        ]
    )
    return env


class CompilerError(Exception):
    pass


def dbt_globals(logs):
    """The members of dbt's base context (dbt/context/base.py) that tx's engine implements."""

    def return_(value):
        raise MacroReturn(value)

    def tojson(value, default=None, sort_keys=False):
        try:
            return json.dumps(value, sort_keys=sort_keys)
        except ValueError:
            return default

    def fromjson(string, default=None):
        try:
            return json.loads(string)
        except ValueError:
            return default

    def toyaml(value, default=None, sort_keys=False):
        try:
            return yaml.safe_dump(data=value, sort_keys=sort_keys)
        except (ValueError, yaml.YAMLError):
            return default

    def fromyaml(value, default=None):
        try:
            return yaml.safe_load(value)
        except (AttributeError, ValueError, yaml.YAMLError):
            return default

    def zip_(*args, default=None):
        try:
            return zip(*args)
        except TypeError:
            return default

    def set_(value, default=None):
        try:
            return set(value)
        except TypeError:
            return default

    def local_md5(value):
        return hashlib.md5(value.encode("utf-8")).hexdigest()

    def log(msg, info=False):
        logs.append([str(msg), bool(info)])
        return ""

    def print_(msg):
        logs.append([str(msg), True])
        return ""

    def raise_compiler_error(msg, node=None):
        raise CompilerError(msg)

    def warn(msg, node=None):
        return ""

    return {
        "return": return_,
        "tojson": tojson,
        "fromjson": fromjson,
        "toyaml": toyaml,
        "fromyaml": fromyaml,
        "zip": zip_,
        "set": set_,
        "local_md5": local_md5,
        "log": log,
        "print": print_,
        "exceptions": {"raise_compiler_error": raise_compiler_error, "warn": warn},
        "modules": {"datetime": datetime, "re": re, "itertools": itertools, "pytz": pytz},
    }


def render_case(case):
    logs = []
    env = make_env()
    env.globals.update(dbt_globals(logs))
    ctx = dict(case.get("context") or {})
    if case.get("macros"):
        module = env.from_string(case["macros"]).make_module(vars=ctx)
        for name in dir(module):
            value = getattr(module, name)
            if isinstance(value, jinja2.runtime.Macro):
                env.globals[name] = value
    out = env.from_string(case["template"]).render(ctx)
    return out, logs


def run_table(path):
    with open(path) as f:
        table = yaml.safe_load(f)
    shared = table.get("context") or {}
    results = []
    names = set()
    for case in table["cases"]:
        name = case["name"]
        if name in names:
            sys.exit(f"{path}: duplicate case name {name!r}")
        names.add(name)
        full = {"name": name, "template": case["template"]}
        ctx = {**shared, **(case.get("context") or {})}
        if ctx:
            full["context"] = ctx
        if case.get("macros"):
            full["macros"] = case["macros"]
        try:
            out, logs = render_case(full)
            full["output"] = out
            if case.get("logs"):
                full["logs"] = logs
        except Exception as e:  # the case expects an error
            full["error"] = f"{type(e).__name__}: {e}"
        if case.get("gap"):
            full["gap"] = case["gap"]
        results.append(full)
    return results


def main():
    tables = sorted(glob.glob(os.path.join(HERE, "tables", "*.yaml")))
    os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
    total = 0
    for path in tables:
        results = run_table(path)
        total += len(results)
        out = os.path.join(HERE, "expected", os.path.basename(path)[: -len(".yaml")] + ".json")
        with open(out, "w") as f:
            json.dump({"oracle": f"jinja2 {jinja2.__version__}", "cases": results}, f, indent=2, ensure_ascii=False)
            f.write("\n")
    print(f"{total} cases from {len(tables)} tables (jinja2 {jinja2.__version__})")


if __name__ == "__main__":
    main()
