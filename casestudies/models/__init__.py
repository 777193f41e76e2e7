from .case_study import CaseStudyPage, RelatedCase
from .choices import BusinessModel, Governance, Licence, RelationType
from .index import CaseStudyIndexPage
from .orderables import CaseStudyContact, CaseStudyGalleryImage, CaseStudyRelation, CaseStudyTool

__all__ = [
    "BusinessModel",
    "CaseStudyContact",
    "CaseStudyGalleryImage",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseStudyRelation",
    "CaseStudyTool",
    "Governance",
    "Licence",
    "RelatedCase",
    "RelationType",
]
