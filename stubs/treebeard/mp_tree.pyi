from typing import Any, ClassVar, Self, TypeVar

from django.db import models

from .models import Node, NodeManager

_N = TypeVar("_N", bound=MP_Node)

class MP_NodeQuerySet(models.QuerySet[_N]): ...

class MP_NodeManager(NodeManager[_N]):
    def fix_tree(self, fix_paths: bool = ..., parent: _N | None = ...) -> None: ...
    def find_problems(self, parent: _N | None = ...) -> tuple[list[Any], list[Any], list[Any], list[Any], list[Any]]: ...

class MP_Node(Node):
    steplen: ClassVar[int]
    alphabet: ClassVar[str]
    node_order_by: ClassVar[list[str] | None]
    path = models.CharField(max_length=255, unique=True)
    depth = models.PositiveIntegerField()
    numchild = models.PositiveIntegerField(default=0)
    objects: ClassVar[MP_NodeManager[Self]]
    @classmethod
    def _get_path(cls, path: str | None, depth: int, newstep: int) -> str: ...
    def _inc_path(self) -> str: ...
