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
import functools
import sys
import types
import typing
from typing import Any, Literal, Union


class CodecError(ValueError):
    """A value that does not have the type its field declares."""


#: Decodes one JSON value (``data``) found at ``where`` (for the message of an error).
Decoder = typing.Callable[[Any, str], Any]


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
        self.decoders: dict[Any, Decoder] = {}
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
        return self._decoder(hint)(data, where)

    def _decoder(self, hint: Any) -> Decoder:
        """The function that decodes values of type ``hint``, made once per type (what
        the type is made of is looked up then, not for each value)."""
        found = self.decoders.get(hint)
        if found is None:
            found = self.decoders[hint] = self._make(hint)
        return found

    def _make(self, hint: Any) -> Decoder:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if hint is Any:
            return lambda data, where: data
        if hint is type(None) or hint is None:
            return lambda data, where: self._expect(data is None, "None", data, where)
        if origin in (Union, types.UnionType):
            return self._union(args)
        if origin is Literal:
            return lambda data, where: self._literal(args, data, where)
        if origin in (tuple, list):
            return self._sequence(origin, args)
        if origin is dict:
            return self._dict(args)
        if hint in self.fields:
            return lambda data, where: self._record(hint, data)
        if hint is float:
            return lambda data, where: float(self._expect(isinstance(data, (int, float)) and not isinstance(data, bool),
                                                          "float", data, where))
        if hint in (str, int, bool):
            return lambda data, where: self._expect(type(data) is hint, hint.__name__, data, where)
        return lambda data, where: self._fail(f"{where or 'value'}: no decoder for {hint!r}")

    @staticmethod
    def _fail(message: str) -> Any:
        raise CodecError(message)

    @staticmethod
    def _expect(ok: bool, what: str, data: Any, where: str) -> Any:
        if not ok:
            raise CodecError(f"{where or 'value'}: expected {what}, got {type(data).__name__}")
        return data

    @staticmethod
    def _literal(args: tuple, data: Any, where: str) -> Any:
        if data in args and type(data) in {type(a) for a in args}:
            return data
        raise CodecError(f"{where or 'value'}: {data!r} is not one of {list(args)}")

    def _union(self, args: tuple) -> Decoder:
        arms = sorted(args, key=lambda a: a is not type(None))  # None first: it is cheap
        optional = type(None) in args

        def decode(data: Any, where: str) -> Any:
            if optional and data is None:
                return None
            errors = []
            for arm in arms:
                try:
                    return self._decoder(arm)(data, where)
                except CodecError as e:
                    errors.append(str(e))
            raise CodecError("; ".join(errors))

        return decode

    def _sequence(self, origin: type, args: tuple) -> Decoder:
        fixed = origin is tuple and bool(args) and args[-1] is not Ellipsis

        def decode(data: Any, where: str) -> Any:
            self._expect(isinstance(data, list), "a list", data, where)
            if fixed:
                if len(args) != len(data):
                    raise CodecError(f"{where or 'value'}: expected {len(args)} items, got {len(data)}")
                return tuple(self._decoder(a)(v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(args, data)))
            item = self._decoder(args[0] if args else Any)
            try:
                values = [item(v, where) for v in data]
            except CodecError:  # again, to say which item (the place is not built for every item)
                values = [item(v, f"{where}[{i}]") for i, v in enumerate(data)]
            return tuple(values) if origin is tuple else values

        return decode

    def _dict(self, args: tuple) -> Decoder:
        def decode(data: Any, where: str) -> Any:
            self._expect(isinstance(data, dict), "an object", data, where)
            key, value = self._decoder(args[0]), self._decoder(args[1])
            return {key(k, where): value(v, f"{where}[{k!r}]") for k, v in data.items()}

        return decode

    def _record(self, cls: type, data: Any) -> Any:
        name = cls.__name__
        self._expect(isinstance(data, dict), "an object", data, name)
        names, fields = self._fields(cls)
        if not names.issuperset(data):
            raise CodecError(f"{name}: no field {sorted(set(data) - names)[0]!r}")
        values = {}
        for field, where, hint, required in fields:
            if field in data:
                values[field] = self._decoder(hint)(data[field], where)
            elif required:
                raise CodecError(f"{name}: the field {field!r} is missing")
        try:
            return cls(**values)
        except (TypeError, ValueError) as e:
            raise CodecError(f"{name}: {e}") from None

    @functools.lru_cache(maxsize=None)  # noqa: B019 (a codec lives as long as the process)
    def _fields(self, cls: type) -> tuple[frozenset[str], list[tuple[str, str, Any, bool]]]:
        """The names of ``cls``'s fields, and each field's name, place, type and whether it is required."""
        fields = self.fields[cls]
        return frozenset(f for f, _, _ in fields), [(f, f"{cls.__name__}.{f}", h, r) for f, h, r in fields]
