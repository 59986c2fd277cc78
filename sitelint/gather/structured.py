"""Structured data (JSON-LD and microdata) through extruct."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import extruct


def extract_structured_data(html: str, url: str) -> list[dict[str, Any]]:
    """Top-level items in extruct's uniform shape (``@type`` on every item)."""
    # extruct parses the whole document again with lxml: skip it on the many
    # pages that carry no structured data at all.
    if "application/ld+json" not in html and "itemscope" not in html:
        return []
    try:
        data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "microdata"], uniform=True)
    except Exception:
        return []
    items: list[dict[str, Any]] = []
    for syntax in ("json-ld", "microdata"):
        for item in data.get(syntax, []):
            if isinstance(item, dict):
                items.extend(_flatten_graph(item))
    return items


def _flatten_graph(item: dict[str, Any]) -> Iterator[dict[str, Any]]:
    graph = item.get("@graph")
    if isinstance(graph, list):
        for node in graph:
            if isinstance(node, dict):
                yield node
    else:
        yield item


def item_types(item: dict[str, Any]) -> set[str]:
    """The schema.org type names of an item, without their URL prefix."""
    raw = item.get("@type", [])
    types = raw if isinstance(raw, list) else [raw]
    return {str(t).rsplit("/", 1)[-1] for t in types}


# schema.org Organization and its subtypes (schema.org 28): a dentist, a bakery
# or a law firm marks itself up as its own type, not as "Organization".
ORGANIZATION_TYPES = frozenset(
    """
    Organization Airline Consortium Cooperative Corporation FundingScheme GovernmentOrganization
    LibrarySystem MedicalOrganization NGO NewsMediaOrganization OnlineBusiness OnlineStore
    PerformingGroup DanceGroup MusicGroup TheaterGroup PoliticalParty Project FundingAgency
    ResearchProject ResearchOrganization SearchRescueOrganization SportsOrganization SportsTeam
    WorkersUnion EducationalOrganization CollegeOrUniversity ElementarySchool HighSchool
    MiddleSchool Preschool School Dentist DiagnosticLab Hospital MedicalClinic Pharmacy
    Physician IndividualPhysician PhysiciansOffice VeterinaryCare LocalBusiness AnimalShelter
    ArchiveOrganization AutomotiveBusiness AutoBodyShop AutoDealer AutoPartsStore AutoRental
    AutoRepair AutoWash GasStation MotorcycleDealer MotorcycleRepair ChildCare
    DryCleaningOrLaundry EmergencyService FireStation PoliceStation EmploymentAgency
    EntertainmentBusiness AdultEntertainment AmusementPark ArtGallery Casino ComedyClub
    MovieTheater NightClub FinancialService AccountingService AutomatedTeller BankOrCreditUnion
    InsuranceAgency FoodEstablishment Bakery BarOrPub Brewery CafeOrCoffeeShop Distillery
    FastFoodRestaurant IceCreamShop Restaurant Winery GovernmentOffice PostOffice
    HealthAndBeautyBusiness BeautySalon DaySpa HairSalon HealthClub NailSalon TattooParlor
    HomeAndConstructionBusiness Electrician GeneralContractor HVACBusiness HousePainter
    Locksmith MovingCompany Plumber RoofingContractor InternetCafe LegalService Attorney Notary
    Library LodgingBusiness BedAndBreakfast Campground Hostel Hotel Motel Resort VacationRental
    MedicalBusiness CommunityHealth Dermatology DietNutrition Emergency Geriatric Gynecologic
    Midwifery Nursing Obstetric Oncologic Optician Optometric Otolaryngologic Pediatric
    Physiotherapy PlasticSurgery Podiatric PrimaryCare Psychiatric PublicHealth
    ProfessionalService RadioStation RealEstateAgent RecyclingCenter SelfStorage ShoppingCenter
    SportsActivityLocation BowlingAlley ExerciseGym GolfCourse PublicSwimmingPool SkiResort
    SportsClub StadiumOrArena TennisComplex Store BikeStore BookStore ClothingStore
    ComputerStore ConvenienceStore DepartmentStore ElectronicsStore Florist FurnitureStore
    GardenStore GroceryStore HardwareStore HobbyShop HomeGoodsStore JewelryStore LiquorStore
    MensClothingStore MobilePhoneStore MovieRentalStore MusicStore OfficeEquipmentStore
    OutletStore PawnShop PetStore ShoeStore SportingGoodsStore TireShop ToyStore WholesaleStore
    TelevisionStation TouristInformationCenter TravelAgency
    """.split()  # noqa: SIM905
)
_MAX_DEPTH = 6


def organization_names(items: list[dict[str, Any]]) -> list[str]:
    """Names of the organizations in structured data, nested ones included.

    A WebSite's ``publisher`` or a WebPage's ``about`` is as good a statement
    of who runs the site as a top-level Organization item.
    """
    names: list[str] = []

    def visit(node: object, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        if isinstance(node, list):
            for entry in node:
                visit(entry, depth + 1)
            return
        if not isinstance(node, dict):
            return
        if item_types(node) & ORGANIZATION_TYPES:
            name = node.get("name")
            if isinstance(name, list):
                name = next((n for n in name if isinstance(n, str) and n.strip()), None)
            if isinstance(name, dict):
                name = name.get("@value")
            if isinstance(name, str) and name.strip() and name.strip() not in names:
                names.append(name.strip())
        for key, value in node.items():
            if not key.startswith("@") or key == "@graph":
                visit(value, depth + 1)

    for item in items:
        visit(item, 0)
    return names
