"""Records as JSON and back, by their type hints: a data format that runs no code.

:func:`encode` turns a dataclass (and the tuples, lists, dicts, strings and numbers it
holds) into JSON values; :func:`decode` rebuilds it from the type it is declared with,
checking every value against its field's type on the way: a field of the wrong type, one
missing or one the class does not have is a :class:`CodecError`. Only the dataclasses
reachable from the root types through their fields can be built (:class:`Codec` finds
them when it is made), so nothing read can name another class, let alone a function:
unlike a pickle, a file decoded here can hold wrong values but cannot run anything.

The codec needs no table of where the record classes live: it follows the type hints
from the root classes it is given, whatever module declares them.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Span:
...     start: int
...     end: int
...     label: str | None = None
...     parts: tuple[tuple[int, int], ...] = ()
>>> codec = Codec(Span)
>>> data = encode(Span(1, 4, "Mali", ((1, 2),)))
>>> data
{'start': 1, 'end': 4, 'label': 'Mali', 'parts': [[1, 2]]}
>>> codec.decode(Span, data)
Span(start=1, end=4, label='Mali', parts=((1, 2),))
>>> codec.decode(Span, {"start": "1", "end": 4})
Traceback (most recent call last):
...
newsgraph.codec.CodecError: Span.start: expected int, got str
"""
from __future__ import annotations

import dataclasses
import sys
import types
import typing
from typing import Any, Literal, Union


class CodecError(ValueError):
    """A value that does not have the type its field declares."""


def encode(value: Any) -> Any:
    """A dataclass, tuple, list or dict of them as JSON values (dict keys must be strings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise CodecError("only dicts with string keys can be encoded")
        return {k: encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise CodecError(f"cannot encode a {type(value).__name__}")


def _hints(cls: type) -> dict[str, Any]:
    module = sys.modules.get(cls.__module__)
    return typing.get_type_hints(cls, globalns=vars(module) if module else None)


class Codec:
    """Decodes the dataclasses reachable from ``roots`` through their fields' types."""

    def __init__(self, *roots: type) -> None:
        self.fields: dict[type, list[tuple[str, Any, bool]]] = {}
        for root in roots:
            self._register(root)

    @property
    def names(self) -> list[str]:
        """The registry: the names of the record types this codec can build."""
        return sorted(cls.__name__ for cls in self.fields)

    def _register(self, hint: Any) -> None:
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            if hint in self.fields:
                return
            hints = _hints(hint)
            self.fields[hint] = [(f.name, hints[f.name], f.default is dataclasses.MISSING
                                  and f.default_factory is dataclasses.MISSING)
                                 for f in dataclasses.fields(hint) if f.init]
            for _, h, _ in self.fields[hint]:
                self._register(h)
            return
        for arg in typing.get_args(hint):
            self._register(arg)

    def decode(self, hint: Any, data: Any, where: str = "") -> Any:
        """The value of type ``hint`` that ``data`` (JSON values) stands for."""
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if hint is Any:
            return data
        if hint is type(None) or hint is None:
            return self._expect(data is None, "None", data, where)
        if origin in (Union, types.UnionType):
            return self._union(args, data, where)
        if origin is Literal:
            if data in args and type(data) in {type(a) for a in args}:
                return data
            raise CodecError(f"{where or 'value'}: {data!r} is not one of {list(args)}")
        if origin in (tuple, list):
            self._expect(isinstance(data, list), "a list", data, where)
            return self._sequence(origin, args, data, where)
        if origin is dict:
            self._expect(isinstance(data, dict), "an object", data, where)
            return {self.decode(args[0], k, where): self.decode(args[1], v, f"{where}[{k!r}]") for k, v in data.items()}
        if hint in self.fields:
            return self._record(hint, data)
        if hint is float:
            return float(self._expect(isinstance(data, (int, float)) and not isinstance(data, bool), "float", data, where))
        if hint in (str, int, bool):
            return self._expect(type(data) is hint, hint.__name__, data, where)
        raise CodecError(f"{where or 'value'}: no decoder for {hint!r}")

    @staticmethod
    def _expect(ok: bool, what: str, data: Any, where: str) -> Any:
        if not ok:
            raise CodecError(f"{where or 'value'}: expected {what}, got {type(data).__name__}")
        return data

    def _union(self, args: tuple, data: Any, where: str) -> Any:
        errors = []
        for arm in sorted(args, key=lambda a: a is not type(None)):  # None first: it is cheap
            try:
                return self.decode(arm, data, where)
            except CodecError as e:
                errors.append(str(e))
        raise CodecError("; ".join(errors))

    def _sequence(self, origin: type, args: tuple, data: list, where: str) -> Any:
        if origin is tuple and args and args[-1] is not Ellipsis:
            if len(args) != len(data):
                raise CodecError(f"{where or 'value'}: expected {len(args)} items, got {len(data)}")
            return tuple(self.decode(a, v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(args, data)))
        item = args[0] if args else Any
        values = [self.decode(item, v, f"{where}[{i}]") for i, v in enumerate(data)]
        return tuple(values) if origin is tuple else values

    def _record(self, cls: type, data: Any) -> Any:
        name = cls.__name__
        self._expect(isinstance(data, dict), "an object", data, name)
        fields = self.fields[cls]
        unknown = set(data) - {f for f, _, _ in fields}
        if unknown:
            raise CodecError(f"{name}: no field {sorted(unknown)[0]!r}")
        values = {}
        for field, hint, required in fields:
            if field in data:
                values[field] = self.decode(hint, data[field], f"{name}.{field}")
            elif required:
                raise CodecError(f"{name}: the field {field!r} is missing")
        try:
            return cls(**values)
        except (TypeError, ValueError) as e:
            raise CodecError(f"{name}: {e}") from None
