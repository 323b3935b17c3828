"""Typed SQLAlchemy 2.0 models for Pinpoint's whole domain.

Designed up front so later stages extend rows rather than fight the schema:

* imports:     ImportBatch, RejectedRow (every input row is stored or rejected with a reason)
* shop data:   Shop, Customer (+ CustomerExternalId, CustomerContact), Category, Product,
               Order, OrderLine, BehaviourEvent
* profiles:    ModelVersion, CustomerProfile
* targeting:   Audience, AudienceMember
* copy & ads:  Campaign, AdSet, AdCreative, AdVariant
* evaluation:  PerformanceReport, PerformanceRow, Experiment

Money is stored as float in the shop's currency (reconciliation tolerates cents); timestamps are
naive UTC. Raw contact details live in ``customer_contacts`` only, so they can be purged without
touching anything else; customers carry SHA-256 hashes for matching.
"""

from engine.store.models.ads import (
    AdCreative,
    AdSet,
    AdVariant,
    Campaign,
    Experiment,
    PerformanceReport,
    PerformanceRow,
)
from engine.store.models.base import NAMING_CONVENTION, Base
from engine.store.models.modelling import Audience, AudienceMember, CustomerProfile, ModelVersion
from engine.store.models.shop import (
    BehaviourEvent,
    Category,
    Customer,
    CustomerContact,
    CustomerExternalId,
    ImportBatch,
    Order,
    OrderLine,
    Product,
    RejectedRow,
    Shop,
)

ALL_TABLES = [table.name for table in Base.metadata.sorted_tables]

__all__ = [
    "ALL_TABLES",
    "NAMING_CONVENTION",
    "AdCreative",
    "AdSet",
    "AdVariant",
    "Audience",
    "AudienceMember",
    "Base",
    "BehaviourEvent",
    "Campaign",
    "Category",
    "Customer",
    "CustomerContact",
    "CustomerExternalId",
    "CustomerProfile",
    "Experiment",
    "ImportBatch",
    "ModelVersion",
    "Order",
    "OrderLine",
    "PerformanceReport",
    "PerformanceRow",
    "Product",
    "RejectedRow",
    "Shop",
]
