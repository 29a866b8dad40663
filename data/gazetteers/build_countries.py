"""Regenerate ``countries.jsonl`` from pycountry plus the hand-kept facts below.

Takes: the ISO 3166-1 table shipped with pycountry, and the tables in this file
(news names, aliases, Wikidata items, sovereignty, capitals, demonyms).
Gives: ``countries.jsonl`` beside this file, one JSON object per line, sorted by id.

The committed JSONL is what the extractor reads; this script is kept so the file can
be rebuilt when pycountry updates ISO 3166-1 or a fact here changes. Run it with
``python data/gazetteers/build_countries.py`` (``--out PATH`` to write elsewhere).
It must not import anything from ``kg``: the data stands on its own.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import Any

__all__ = ["build_records", "write_jsonl", "main"]

_LOG = logging.getLogger(__name__)
_HERE = Path(__file__).resolve().parent

# Wikidata items by alpha-2. Taken from two public ISO-code-to-Wikidata tables and
# cross-checked against each other (see README.md). NL is the country item (Q55), not
# the Kingdom of the Netherlands (Q29999); AQ is the continent item (Q51).
_WIKIDATA = """
AD Q228 AE Q878 AF Q889 AG Q781 AI Q25228 AL Q222 AM Q399 AO Q916 AQ Q51 AR Q414
AS Q16641 AT Q40 AU Q408 AW Q21203 AX Q5689 AZ Q227 BA Q225 BB Q244 BD Q902 BE Q31
BF Q965 BG Q219 BH Q398 BI Q967 BJ Q962 BL Q25362 BM Q23635 BN Q921 BO Q750 BQ Q27561
BR Q155 BS Q778 BT Q917 BV Q23408 BW Q963 BY Q184 BZ Q242 CA Q16 CC Q36004 CD Q974
CF Q929 CG Q971 CH Q39 CI Q1008 CK Q26988 CL Q298 CM Q1009 CN Q148 CO Q739 CR Q800
CU Q241 CV Q1011 CW Q25279 CX Q31063 CY Q229 CZ Q213 DE Q183 DJ Q977 DK Q35 DM Q784
DO Q786 DZ Q262 EC Q736 EE Q191 EG Q79 EH Q6250 ER Q986 ES Q29 ET Q115 FI Q33
FJ Q712 FK Q9648 FM Q702 FO Q4628 FR Q142 GA Q1000 GB Q145 GD Q769 GE Q230 GF Q3769
GG Q25230 GH Q117 GI Q1410 GL Q223 GM Q1005 GN Q1006 GP Q17012 GQ Q983 GR Q41
GS Q35086 GT Q774 GU Q16635 GW Q1007 GY Q734 HK Q8646 HM Q131198 HN Q783 HR Q224
HT Q790 HU Q28 ID Q252 IE Q27 IL Q801 IM Q9676 IN Q668 IO Q43448 IQ Q796 IR Q794
IS Q189 IT Q38 JE Q785 JM Q766 JO Q810 JP Q17 KE Q114 KG Q813 KH Q424 KI Q710
KM Q970 KN Q763 KP Q423 KR Q884 KW Q817 KY Q5785 KZ Q232 LA Q819 LB Q822 LC Q760
LI Q347 LK Q854 LR Q1014 LS Q1013 LT Q37 LU Q32 LV Q211 LY Q1016 MA Q1028 MC Q235
MD Q217 ME Q236 MF Q126125 MG Q1019 MH Q709 MK Q221 ML Q912 MM Q836 MN Q711 MO Q14773
MP Q16644 MQ Q17054 MR Q1025 MS Q13353 MT Q233 MU Q1027 MV Q826 MW Q1020 MX Q96
MY Q833 MZ Q1029 NA Q1030 NC Q33788 NE Q1032 NF Q31057 NG Q1033 NI Q811 NL Q55
NO Q20 NP Q837 NR Q697 NU Q34020 NZ Q664 OM Q842 PA Q804 PE Q419 PF Q30971 PG Q691
PH Q928 PK Q843 PL Q36 PM Q34617 PN Q35672 PR Q1183 PS Q219060 PT Q45 PW Q695
PY Q733 QA Q846 RE Q17070 RO Q218 RS Q403 RU Q159 RW Q1037 SA Q851 SB Q685 SC Q1042
SD Q1049 SE Q34 SG Q334 SH Q192184 SI Q215 SJ Q842829 SK Q214 SL Q1044 SM Q238
SN Q1041 SO Q1045 SR Q730 SS Q958 ST Q1039 SV Q792 SX Q26273 SY Q858 SZ Q1050
TC Q18221 TD Q657 TF Q129003 TG Q945 TH Q869 TJ Q863 TK Q36823 TL Q574 TM Q874
TN Q948 TO Q678 TR Q43 TT Q754 TV Q672 TW Q865 TZ Q924 UA Q212 UG Q1036 UM Q16645
US Q30 UY Q77 UZ Q265 VA Q237 VC Q757 VE Q717 VG Q25305 VI Q11703 VN Q881 VU Q686
WF Q35555 WS Q683 XK Q1246 YE Q805 YT Q17063 ZA Q258 ZM Q953 ZW Q954
"""

# ISO 3166-1 entries that are dependent territories or otherwise not states: UN member
# and observer states, Kosovo and Taiwan are sovereign; everything listed here is not.
_NOT_SOVEREIGN = frozenset("""
AI AQ AS AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO JE
KY MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT
""".split())

# The short English name a news agency uses, where pycountry's differs.
_NEWS_NAME = {
    "BN": "Brunei", "BS": "Bahamas", "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo", "CI": "Ivory Coast", "CV": "Cape Verde",
    "FK": "Falkland Islands", "FM": "Micronesia", "GM": "Gambia", "PN": "Pitcairn Islands",
    "PS": "Palestine", "RU": "Russia", "ST": "São Tomé and Príncipe", "VA": "Vatican City",
    "VG": "British Virgin Islands", "VI": "United States Virgin Islands", "MO": "Macao",
    "SH": "Saint Helena", "BQ": "Caribbean Netherlands", "MF": "Saint Martin",
    "SX": "Sint Maarten",
}

# pycountry's official name where it is wrong for news use or missing.
_OFFICIAL_NAME = {
    "TW": "Republic of China", "US": "United States of America", "KR": "Republic of Korea",
    "CD": "Democratic Republic of the Congo", "VA": "Vatican City State",
    "RU": "Russian Federation", "LA": "Lao People's Democratic Republic",
    "SY": "Syrian Arab Republic", "BN": "Brunei Darussalam", "XK": "Republic of Kosovo",
}

# Other names and short forms used in English news (beyond pycountry's names).
_ALIASES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "CN": ["PRC", "People's Republic of China", "Mainland China"],
    "KP": ["DPRK", "North Korea", "Democratic People's Republic of Korea"],
    "KR": ["ROK", "Republic of Korea"],
    "CD": ["DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "TR": ["Turkey", "Turkiye", "Republic of Turkey"],
    "CZ": ["Czech Republic"],
    "MM": ["Burma"],
    "SZ": ["Swaziland"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire"],
    "CV": ["Cabo Verde"],
    "TL": ["East Timor"],
    "GW": ["Guinea Bissau"],
    "VA": ["Holy See", "Vatican"],
    "PS": ["State of Palestine", "Palestinian territories"],
    "TW": ["Chinese Taipei", "Republic of China"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "SA": ["KSA"],
    "NZ": ["NZ"],
    "PG": ["PNG"],
    "BA": ["BiH", "Bosnia"],
    "MK": ["Republic of North Macedonia", "FYROM", "Former Yugoslav Republic of Macedonia"],
    "LA": ["Lao PDR"],
    "VN": ["Viet Nam"],
    "RU": ["Russian Federation"],
    "IR": ["Islamic Republic of Iran"],
    "FM": ["Federated States of Micronesia"],
    "NL": ["The Netherlands"],
    "GM": ["The Gambia"],
    "BS": ["The Bahamas"],
    "PH": ["The Philippines"],
    "ST": ["Sao Tome and Principe", "São Tomé and Príncipe"],
    "HK": ["Hong Kong SAR"],
    "MO": ["Macau", "Macao SAR", "Macau SAR"],
    "XK": ["Republic of Kosovo"],
    "VG": ["BVI"],
    "TT": ["Trinidad"],
}

# Names that pycountry gives but that are ambiguous in news text.
_DROP_ALIASES = {"CG": {"Congo"}, "KP": {"Korea"}, "KR": {"Korea"}}

# Sovereign states: capital | capital aliases (;) | seat of government | demonyms (;).
# Demonyms shared by two states ("Congolese", "Korean", "Dominican") are left out.
_CAPITALS = """
AD|Andorra la Vella|||Andorran
AE|Abu Dhabi|||Emirati
AF|Kabul|||Afghan
AG|St. John's|Saint John's||Antiguan
AL|Tirana|Tiranë||Albanian
AM|Yerevan|||Armenian
AO|Luanda|||Angolan
AR|Buenos Aires|||Argentine;Argentinian
AT|Vienna|||Austrian
AU|Canberra|||Australian
AZ|Baku|||Azerbaijani;Azeri
BA|Sarajevo|||Bosnian
BB|Bridgetown|||Barbadian
BD|Dhaka|||Bangladeshi
BE|Brussels|||Belgian
BF|Ouagadougou|||Burkinabe;Burkinabè
BG|Sofia|||Bulgarian
BH|Manama|||Bahraini
BI|Gitega|||Burundian
BJ|Porto-Novo||Cotonou|Beninese
BN|Bandar Seri Begawan|||Bruneian
BO|Sucre||La Paz|Bolivian
BR|Brasília|Brasilia||Brazilian
BS|Nassau|||Bahamian
BT|Thimphu|||Bhutanese
BW|Gaborone|||Botswanan
BY|Minsk|||Belarusian
BZ|Belmopan|||Belizean
CA|Ottawa|||Canadian
CD|Kinshasa|||
CF|Bangui|||
CG|Brazzaville|||
CH|Bern|Berne||Swiss
CI|Yamoussoukro||Abidjan|Ivorian
CL|Santiago|||Chilean
CM|Yaoundé|Yaounde||Cameroonian
CN|Beijing|||Chinese
CO|Bogotá|Bogota||Colombian
CR|San José|San Jose||Costa Rican
CU|Havana|||Cuban
CV|Praia|||Cape Verdean
CY|Nicosia|||Cypriot
CZ|Prague|||Czech
DE|Berlin|||German
DJ|Djibouti|Djibouti City||Djiboutian
DK|Copenhagen|||Danish
DM|Roseau|||
DO|Santo Domingo|||
DZ|Algiers|||Algerian
EC|Quito|||Ecuadorian
EE|Tallinn|||Estonian
EG|Cairo|||Egyptian
ER|Asmara|||Eritrean
ES|Madrid|||Spanish
ET|Addis Ababa|||Ethiopian
FI|Helsinki|||Finnish
FJ|Suva|||Fijian
FM|Palikir|||
FR|Paris|||French
GA|Libreville|||Gabonese
GB|London|||British;Briton
GD|St. George's|Saint George's||Grenadian
GE|Tbilisi|||Georgian
GH|Accra|||Ghanaian
GM|Banjul|||Gambian
GN|Conakry|||Guinean
GQ|Malabo|||Equatorial Guinean;Equatoguinean
GR|Athens|||Greek
GT|Guatemala City|||Guatemalan
GW|Bissau|||Bissau-Guinean
GY|Georgetown|||Guyanese
HN|Tegucigalpa|||Honduran
HR|Zagreb|||Croatian
HT|Port-au-Prince|||Haitian
HU|Budapest|||Hungarian
ID|Jakarta|||Indonesian
IE|Dublin|||Irish
IL|Jerusalem|||Israeli
IN|New Delhi|Delhi||Indian
IQ|Baghdad|||Iraqi
IR|Tehran|Teheran||Iranian
IS|Reykjavík|Reykjavik||Icelandic
IT|Rome|||Italian
JM|Kingston|||Jamaican
JO|Amman|||Jordanian
JP|Tokyo|||Japanese
KE|Nairobi|||Kenyan
KG|Bishkek|||Kyrgyz;Kyrgyzstani
KH|Phnom Penh|||Cambodian
KI|South Tarawa|Tarawa||I-Kiribati
KM|Moroni|||Comorian
KN|Basseterre|||Kittitian
KP|Pyongyang|||North Korean
KR|Seoul|||South Korean
KW|Kuwait City|||Kuwaiti
KZ|Astana|Nur-Sultan||Kazakh;Kazakhstani
LA|Vientiane|||Laotian;Lao
LB|Beirut|||Lebanese
LC|Castries|||Saint Lucian
LI|Vaduz|||Liechtensteiner
LK|Sri Jayawardenepura Kotte|Kotte|Colombo|Sri Lankan
LR|Monrovia|||Liberian
LS|Maseru|||Basotho
LT|Vilnius|||Lithuanian
LU|Luxembourg City|||Luxembourgish;Luxembourger
LV|Riga|||Latvian
LY|Tripoli|||Libyan
MA|Rabat|||Moroccan
MC|Monaco|||Monégasque;Monegasque
MD|Chișinău|Chisinau;Kishinev||Moldovan
ME|Podgorica|||Montenegrin
MG|Antananarivo|||Malagasy
MH|Majuro|||Marshallese
MK|Skopje|||North Macedonian
ML|Bamako|||Malian
MM|Naypyidaw|Nay Pyi Taw;Naypyitaw||Burmese
MN|Ulaanbaatar|Ulan Bator||Mongolian
MR|Nouakchott|||Mauritanian
MT|Valletta|||Maltese
MU|Port Louis|||Mauritian
MV|Malé|||Maldivian
MW|Lilongwe|||Malawian
MX|Mexico City|||Mexican
MY|Kuala Lumpur||Putrajaya|Malaysian
MZ|Maputo|||Mozambican
NA|Windhoek|||Namibian
NE|Niamey|||Nigerien
NG|Abuja|||Nigerian
NI|Managua|||Nicaraguan
NL|Amsterdam||The Hague|Dutch
NO|Oslo|||Norwegian
NP|Kathmandu|||Nepali;Nepalese
NR|Yaren|||Nauruan
NZ|Wellington|||New Zealander
OM|Muscat|||Omani
PA|Panama City|||Panamanian
PE|Lima|||Peruvian
PG|Port Moresby|||Papua New Guinean
PH|Manila|||Filipino;Philippine
PK|Islamabad|||Pakistani
PL|Warsaw|||Polish
PS|East Jerusalem||Ramallah|Palestinian
PT|Lisbon|||Portuguese
PW|Ngerulmud|||Palauan
PY|Asunción|Asuncion||Paraguayan
QA|Doha|||Qatari
RO|Bucharest|||Romanian
RS|Belgrade|||Serbian
RU|Moscow|||Russian
RW|Kigali|||Rwandan
SA|Riyadh|||Saudi;Saudi Arabian
SB|Honiara|||Solomon Islander
SC|Victoria|||Seychellois
SD|Khartoum|||Sudanese
SE|Stockholm|||Swedish
SG|Singapore|||Singaporean
SI|Ljubljana|||Slovenian;Slovene
SK|Bratislava|||Slovak
SL|Freetown|||Sierra Leonean
SM|City of San Marino|||Sammarinese
SN|Dakar|||Senegalese
SO|Mogadishu|||Somali;Somalian
SR|Paramaribo|||Surinamese
SS|Juba|||South Sudanese
ST|São Tomé|Sao Tome||Santomean
SV|San Salvador|||Salvadoran
SY|Damascus|||Syrian
SZ|Mbabane|||Swazi
TD|N'Djamena|Ndjamena||Chadian
TG|Lomé|Lome||Togolese
TH|Bangkok|||Thai
TJ|Dushanbe|||Tajik;Tajikistani
TL|Dili|||Timorese;East Timorese
TM|Ashgabat|||Turkmen
TN|Tunis|||Tunisian
TO|Nukuʻalofa|Nuku'alofa||Tongan
TR|Ankara|||Turkish
TT|Port of Spain|||Trinidadian
TV|Funafuti|||Tuvaluan
TW|Taipei|||Taiwanese
TZ|Dodoma|||Tanzanian
UA|Kyiv|Kiev||Ukrainian
UG|Kampala|||Ugandan
US|Washington, D.C.|Washington;Washington DC;Washington, DC;Washington D.C.||American
UY|Montevideo|||Uruguayan
UZ|Tashkent|||Uzbek;Uzbekistani
VA|Vatican City|||
VC|Kingstown|||Vincentian
VE|Caracas|||Venezuelan
VN|Hanoi|||Vietnamese
VU|Port Vila|||Ni-Vanuatu
WS|Apia|||Samoan
XK|Pristina|Prishtina;Priština||Kosovar;Kosovan
YE|Sanaa|Sana'a||Yemeni
ZA|Pretoria|||South African
ZM|Lusaka|||Zambian
ZW|Harare|||Zimbabwean
"""

# Demonyms of a few territories that news names as such; unambiguous only.
_TERRITORY_DEMONYMS = {
    "PR": ["Puerto Rican"], "GL": ["Greenlandic", "Greenlander"], "HK": ["Hongkonger"],
    "BM": ["Bermudian"], "GU": ["Guamanian"],
}

# People in the plural, as news names a state's side ("the Armenians", "Georgians", "the
# Saudis"): code | forms (;). Only a plural that is a word of its own: "the French", "the
# Chinese" are the demonym already; none for forms with no settled plural ("Turkmen", "Lao").
_PLURALS = """
AD|Andorrans
AE|Emiratis
AF|Afghans
AG|Antiguans
AL|Albanians
AM|Armenians
AO|Angolans
AR|Argentines;Argentinians
AT|Austrians
AU|Australians
AZ|Azerbaijanis;Azeris
BA|Bosnians
BB|Barbadians
BD|Bangladeshis
BE|Belgians
BG|Bulgarians
BH|Bahrainis
BI|Burundians
BN|Bruneians
BO|Bolivians
BR|Brazilians
BS|Bahamians
BW|Botswanans
BY|Belarusians
BZ|Belizeans
CA|Canadians
CI|Ivorians
CL|Chileans
CM|Cameroonians
CO|Colombians
CR|Costa Ricans
CU|Cubans
CV|Cape Verdeans
CY|Cypriots
CZ|Czechs
DE|Germans
DJ|Djiboutians
DK|Danes
DZ|Algerians
EC|Ecuadorians
EE|Estonians
EG|Egyptians
ER|Eritreans
ES|Spaniards
ET|Ethiopians
FI|Finns
FJ|Fijians
GB|Britons
GD|Grenadians
GE|Georgians
GH|Ghanaians
GM|Gambians
GN|Guineans
GQ|Equatorial Guineans
GR|Greeks
GT|Guatemalans
GW|Bissau-Guineans
HN|Hondurans
HR|Croatians;Croats
HT|Haitians
HU|Hungarians
ID|Indonesians
IL|Israelis
IN|Indians
IQ|Iraqis
IR|Iranians
IS|Icelanders
IT|Italians
JM|Jamaicans
JO|Jordanians
KE|Kenyans
KG|Kyrgyzstanis
KH|Cambodians
KM|Comorians
KN|Kittitians
KP|North Koreans
KR|South Koreans
KW|Kuwaitis
KZ|Kazakhs;Kazakhstanis
LA|Laotians
LC|Saint Lucians
LI|Liechtensteiners
LK|Sri Lankans
LR|Liberians
LT|Lithuanians
LU|Luxembourgers
LV|Latvians
LY|Libyans
MA|Moroccans
MD|Moldovans
ME|Montenegrins
MK|North Macedonians
ML|Malians
MN|Mongolians
MR|Mauritanians
MU|Mauritians
MV|Maldivians
MW|Malawians
MX|Mexicans
MY|Malaysians
MZ|Mozambicans
NA|Namibians
NE|Nigeriens
NG|Nigerians
NI|Nicaraguans
NO|Norwegians
NP|Nepalis
NR|Nauruans
NZ|New Zealanders
OM|Omanis
PA|Panamanians
PE|Peruvians
PG|Papua New Guineans
PH|Filipinos
PK|Pakistanis
PL|Poles
PS|Palestinians
PW|Palauans
PY|Paraguayans
QA|Qataris
RO|Romanians
RS|Serbians;Serbs
RU|Russians
RW|Rwandans
SA|Saudis;Saudi Arabians
SB|Solomon Islanders
SE|Swedes
SG|Singaporeans
SI|Slovenians;Slovenes
SK|Slovaks
SL|Sierra Leoneans
SO|Somalis;Somalians
SV|Salvadorans
SY|Syrians
SZ|Swazis
TD|Chadians
TH|Thais
TJ|Tajiks;Tajikistanis
TN|Tunisians
TO|Tongans
TR|Turks
TT|Trinidadians
TV|Tuvaluans
TZ|Tanzanians
UA|Ukrainians
UG|Ugandans
US|Americans
UY|Uruguayans
UZ|Uzbeks;Uzbekistanis
VC|Vincentians
VE|Venezuelans
WS|Samoans
XK|Kosovars;Kosovans
YE|Yemenis
ZA|South Africans
ZM|Zambians
ZW|Zimbabweans
"""

_KOSOVO = {"id": "XK", "name": "Kosovo"}


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _plurals() -> dict[str, list[str]]:
    rows = (line.split("|") for line in _PLURALS.strip().splitlines())
    return {code: _split(forms) for code, forms in rows}


def _wikidata() -> dict[str, str]:
    tokens = _WIKIDATA.split()
    return dict(zip(tokens[0::2], tokens[1::2], strict=True))


def _capitals() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for line in _CAPITALS.strip().splitlines():
        code, capital, aliases, seat, demonyms = line.split("|")
        table[code] = {
            "capital": capital,
            "capital_aliases": _split(aliases),
            "seat_of_government": seat or None,
            "demonyms": _split(demonyms),
        }
    return table


def _strip_article(name: str) -> str:
    # pycountry writes "the State of Eritrea"; a name in running text starts capitalised.
    return name[4:] if name.startswith("the ") else name


def _record(code: str, *, name: str, official: str | None, alpha3: str | None,
            numeric: str | None, iso_names: list[str],
            wikidata: dict[str, str], capitals: dict[str, dict[str, Any]]) -> dict[str, Any]:
    aliases: list[str] = []
    dropped = _DROP_ALIASES.get(code, set())
    for candidate in [*iso_names, official or "", *_ALIASES.get(code, [])]:
        if candidate and candidate != name and candidate not in dropped and candidate not in aliases:
            aliases.append(candidate)
    record: dict[str, Any] = {"id": code, "name": name}
    if official:
        record["official_name"] = official
    if alpha3:
        record["alpha3"] = alpha3
    if numeric:
        record["numeric"] = numeric
    if code in wikidata:
        record["wikidata"] = wikidata[code]
    record["sovereign"] = code not in _NOT_SOVEREIGN
    record["aliases"] = aliases
    facts = capitals.get(code)
    plurals = _plurals()
    record["demonyms"] = [*facts["demonyms"], *plurals.get(code, [])] if facts else list(_TERRITORY_DEMONYMS.get(code, []))
    if facts:
        record["capital"] = facts["capital"]
        record["capital_aliases"] = facts["capital_aliases"]
        if facts["seat_of_government"]:
            record["seat_of_government"] = facts["seat_of_government"]
    return record


def build_records() -> list[dict[str, Any]]:
    """Return one record per ISO 3166-1 entry plus Kosovo, sorted by alpha-2 id.

    Raises ValueError when the tables here disagree with pycountry (a sovereign state
    without a capital row, a capital row for an unknown code), so a pycountry update
    that adds or renames an entry is noticed instead of written out half-filled.
    """
    import pycountry  # imported here: only the regeneration needs it

    wikidata = _wikidata()
    capitals = _capitals()
    records = []
    for country in pycountry.countries:
        code = country.alpha_2
        common = getattr(country, "common_name", None)
        official = _OFFICIAL_NAME.get(code) or getattr(country, "official_name", None)
        official = _strip_article(official) if official else None
        name = _NEWS_NAME.get(code) or common or country.name
        iso_names = [n for n in (country.name, common) if n]
        records.append(_record(code, name=name, official=official, alpha3=country.alpha_3,
                               numeric=country.numeric, iso_names=iso_names,
                               wikidata=wikidata, capitals=capitals))
    records.append(_record(_KOSOVO["id"], name=_KOSOVO["name"], official=_OFFICIAL_NAME["XK"],
                           alpha3=None, numeric=None, iso_names=[],
                           wikidata=wikidata, capitals=capitals))
    codes = {r["id"] for r in records}
    missing = sorted(r["id"] for r in records if r["sovereign"] and r["id"] not in capitals)
    unknown = sorted(set(capitals) - codes) + sorted(set(wikidata) - codes)
    if missing or unknown:
        raise ValueError(f"capital table lacks sovereign states {missing}; "
                         f"unknown codes in tables {unknown}: edit build_countries.py")
    return sorted(records, key=lambda r: r["id"])


def write_jsonl(records: list[dict[str, Any]], path: Path) -> None:
    """Write records one JSON object a line, UTF-8, non-ASCII kept readable."""
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.write_text(text, encoding="utf-8")
    _LOG.info("wrote %d countries to %s", len(records), path)


def main(argv: list[str] | None = None) -> None:
    """Command-line entry: rebuild countries.jsonl (or the file given with --out)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=_HERE / "countries.jsonl")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    write_jsonl(build_records(), args.out)


if __name__ == "__main__":
    main()
