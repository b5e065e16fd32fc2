from .identity import SiteIdentity
from .imports import ImportedItem
from .legal import LegalDocumentPage
from .pages import (
    AnnouncementPage,
    ArticlePage,
    ArticleTag,
    ContactPage,
    EventPage,
    HomePage,
    LeaderProfilePage,
    LegalDocumentAttachment,
    OrganisationPage,
    OrganisationUnit,
    PlanPage,
    ProcedurePage,
    RelatedLegalDocument,
    SectionPage,
    StatisticsReportPage,
    WardIntroductionPage,
)
from .snippets import Category, ContactCard, Field, Notice, Official

__all__ = [
    "AnnouncementPage",
    "ArticlePage",
    "ArticleTag",
    "Category",
    "ContactCard",
    "ContactPage",
    "EventPage",
    "Field",
    "HomePage",
    "ImportedItem",
    "LeaderProfilePage",
    "LegalDocumentAttachment",
    "LegalDocumentPage",
    "Notice",
    "Official",
    "OrganisationPage",
    "OrganisationUnit",
    "PlanPage",
    "ProcedurePage",
    "RelatedLegalDocument",
    "SectionPage",
    "SiteIdentity",
    "StatisticsReportPage",
    "WardIntroductionPage",
]
