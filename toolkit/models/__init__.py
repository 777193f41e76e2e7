"""The toolkit's page types: the index, guides and tools (one module each)."""

from .guide import GuidePage, GuideRelatedCaseStudy, GuideRelatedTool
from .index import ToolkitIndexPage
from .tool import ToolFile, ToolPage

__all__ = [
    "GuidePage",
    "GuideRelatedCaseStudy",
    "GuideRelatedTool",
    "ToolFile",
    "ToolPage",
    "ToolkitIndexPage",
]
