# ruff: noqa: E501
"""The demo data set, drawn only from the five reference articles in ``articles/``.

Plain data, loaded by ``claims/demo/load.py``. Every quote is a verbatim substring of
the article text of the source it cites; a source with ``"article": None`` is known only
as quoted inside another article (named in its comment), and its quotes come from there.
Quotes keep the articles' typographic characters (’ “ ” – — …) and stay on one line
(hence the file-wide noqa), so that each can be found in its article as it stands.

Provenance is only what each text itself prints: no URLs, and no outlet, author or date
that the text does not give. Dates a text does not give outright are inferred from
it, and each such inference is explained in a comment beside the date.

A claim whose text blames no named group ("an Iranian-backed Iraqi militia") names no
actor: its ``attributed_description`` is the text's own words. Its
``attributed_actor_hint`` is the editor's note that those words fit a group other
claims about the same event name (Kata'ib Hezbollah, itself called an "Iran-backed ...
militia" in the texts); where no claim about the event names a group, there is none.
"""

# The own voice of an article or blog post that names no author.
UNSIGNED_BLOG = "Unsigned blog post (author not named)"
BW_ACTUAL = "BW Actual (blog)"
NYT = "The New York Times"
ARAB_CENTER_ANALYSIS = "Unsigned analysis republished from the Arab Center Washington DC"
CROSSFIRE_ANALYSIS = "Unsigned analysis “Baghdad Caught in U.S.-Iran Crossfire”"

ACTORS = [  # parents appear before their sub-units
    {
        "slug": "united-states",
        "name": "United States",
        "kind": "state",
        "country": "US",
        "parent": None,
        "aliases": ["U.S.", "US", "Washington", "America"],
        "description": "",
        "wikidata_id": "",
    },
    {
        "slug": "united-states-armed-forces",
        "name": "United States Armed Forces",
        "kind": "armed_forces",
        "country": "US",
        "parent": "united-states",
        "aliases": ["U.S. forces", "US forces", "U.S. military", "American forces"],
        "description": "",
        "wikidata_id": "",
    },
    {
        "slug": "us-department-of-defense",
        "name": "United States Department of Defense",
        "kind": "government_body",
        "country": "US",
        "parent": "united-states",
        "aliases": ["U.S. Defense Department", "Defense Department"],
        "description": "",
        "wikidata_id": "",
    },
    {
        "slug": "us-department-of-state",
        "name": "United States Department of State",
        "kind": "government_body",
        "country": "US",
        "parent": "united-states",
        "aliases": ["State Department"],
        "description": "",
        "wikidata_id": "",
    },
    {
        "slug": "operation-inherent-resolve-coalition",
        "name": "Operation Inherent Resolve coalition",
        "kind": "armed_forces",
        "country": "",
        "parent": None,
        "aliases": [
            "OIR coalition",
            "international coalition",
            "U.S.-led coalition",
            "US-led coalition",
        ],
        "description": "The multinational coalition whose forces are based in Iraq to fight the Islamic State.",
        "wikidata_id": "",
    },
    {
        "slug": "iran",
        "name": "Iran",
        "kind": "state",
        "country": "IR",
        "parent": None,
        "aliases": ["Tehran", "Islamic Republic"],
        "description": "",
        "wikidata_id": "",
    },
    {
        "slug": "islamic-revolutionary-guard-corps",
        "name": "Islamic Revolutionary Guard Corps",
        "kind": "armed_forces",
        "country": "IR",
        "parent": "iran",
        # Its official name in Persian, and the usual Arabic name.
        "aliases": ["IRGC", "سپاه پاسداران انقلاب اسلامی", "الحرس الثوري الإيراني"],
        "description": "",
        "wikidata_id": "",
    },
    {
        "slug": "quds-force",
        "name": "Quds Force",
        "kind": "armed_forces",
        "country": "IR",
        "parent": "islamic-revolutionary-guard-corps",
        "aliases": ["Qods Force", "IRGC-Qods Force"],
        "description": "",
        "wikidata_id": "",
    },
    {
        "slug": "iraq",
        "name": "Iraq",
        "kind": "state",
        "country": "IQ",
        "parent": None,
        "aliases": [],
        "description": "",
        "wikidata_id": "",
    },
    {
        "slug": "government-of-iraq",
        "name": "Government of Iraq",
        "kind": "government_body",
        "country": "IQ",
        "parent": "iraq",
        "aliases": ["Iraqi government"],
        "description": "",
        "wikidata_id": "",
    },
    {
        "slug": "iraqi-security-forces",
        "name": "Iraqi Security Forces",
        "kind": "armed_forces",
        "country": "IQ",
        "parent": "iraq",
        "aliases": ["Iraqi military", "Iraqi Armed Forces"],
        "description": "",
        "wikidata_id": "",
    },
    {
        # No parent: whether the PMF are Iraqi state forces or Iranian proxies is itself
        # argued over in the articles ("part of the Iraqi government’s formal security
        # forces" against U.S. officials' "Iranian forces").
        "slug": "popular-mobilization-forces",
        "name": "Popular Mobilization Forces",
        "kind": "armed_group",
        "country": "IQ",
        "parent": None,
        "aliases": [
            "Popular Mobilization Units",
            "Popular Mobilisation Forces",
            "PMU",
            "PMF",
            # The official Arabic names: the Commission and the forces.
            "هيئة الحشد الشعبي",
            "الحشد الشعبي",
        ],
        "description": "Iraqi paramilitary forces formed to fight the Islamic State.",
        "wikidata_id": "",
    },
    {
        "slug": "kataib-hezbollah",
        "name": "Kata'ib Hezbollah",
        "kind": "armed_group",
        "country": "IQ",
        "parent": "popular-mobilization-forces",
        # "Kataib Hezbollah" and "Kata’ib Hezbollah" are the name itself once normalised.
        "aliases": [
            "Kata’ib Hizbollah",
            "Kata’ib Hizbullah",
            "Kataeb Hezbollah",
            "Ketaib Hezbollah",
            "KH",
            "Hezbollah Battalions",
            # Its own name in Arabic (كتائب حزب الله in Persian letters folds to it).
            "كتائب حزب الله",
        ],
        "description": "Iran-backed Iraqi militia, one of the groups of the Popular Mobilization Forces.",
        "wikidata_id": "",
    },
    {
        "slug": "badr-organization",
        "name": "Badr Organization",
        "kind": "armed_group",
        "country": "IQ",
        "parent": None,
        "aliases": [],
        "description": "Shia-dominated political-military group organized by Iran’s IRGC during the 1980-88 Iran-Iraq war.",
        "wikidata_id": "",
    },
    {
        "slug": "fatah-alliance",
        "name": "Fatah Alliance",
        "kind": "coalition",
        "country": "IQ",
        "parent": None,
        "aliases": [],
        "description": "",
        "wikidata_id": "",
    },
    {
        "slug": "framework-coalition",
        "name": "Framework Coalition",
        "kind": "coalition",
        "country": "IQ",
        "parent": None,
        "aliases": [],
        "description": "",
        "wikidata_id": "",
    },
    {
        "slug": "islamic-state",
        "name": "Islamic State",
        "kind": "armed_group",
        "country": "",
        "parent": None,
        "aliases": ["IS", "ISIS"],
        "description": "",
        "wikidata_id": "",
    },
    {
        "slug": "israel",
        "name": "Israel",
        "kind": "state",
        "country": "IL",
        "parent": None,
        "aliases": [],
        "description": "",
        "wikidata_id": "",
    },
    {
        "slug": "iraqi-anti-government-protesters",
        "name": "Iraqi anti-government protesters",
        "kind": "other",
        "country": "IQ",
        "parent": None,
        "aliases": ["Iraqi Shia protesters"],
        "description": "",
        "wikidata_id": "",
    },
]

PEOPLE = [
    {
        "slug": "mark-milley",
        "name": "Mark Milley",
        "aliases": ["Milley"],
        "affiliations": [
            {
                "actor": "united-states-armed-forces",
                "title": "Chairman of the Joint Chiefs of Staff",
                "start": None,
                "end": None,
            }
        ],
    },
    {
        "slug": "mark-esper",
        "name": "Mark Esper",
        "aliases": ["Esper"],
        "affiliations": [
            {
                "actor": "us-department-of-defense",
                "title": "Secretary of Defense",
                "start": None,
                "end": None,
            }
        ],
    },
    {
        "slug": "mike-pompeo",
        "name": "Mike Pompeo",
        "aliases": ["Pompeo"],
        "affiliations": [
            {
                "actor": "us-department-of-state",
                "title": "Secretary of State",
                "start": None,
                "end": None,
            }
        ],
    },
    {
        "slug": "donald-trump",
        "name": "Donald Trump",
        "aliases": ["Trump"],
        "affiliations": [
            {"actor": "united-states", "title": "President", "start": None, "end": None}
        ],
    },
    {
        "slug": "javad-zarif",
        "name": "Javad Zarif",
        "aliases": ["Zarif"],
        "affiliations": [
            {"actor": "iran", "title": "Foreign Minister", "start": None, "end": None}
        ],
    },
    {
        "slug": "qassem-soleimani",
        "name": "Qassem Soleimani",
        # In Persian letters; the Arabic spelling (سليماني) folds to the same name.
        "aliases": ["Qasem Soleimani", "Qassim Suleimani", "Soleimani", "قاسم سلیمانی"],
        "affiliations": [{"actor": "quds-force", "title": "Commander", "start": None, "end": None}],
    },
    {
        "slug": "abu-mahdi-al-muhandis",
        "name": "Abu Mahdi al-Muhandis",
        "aliases": ["al-Muhandis", "Muhandis", "أبو مهدي المهندس"],
        "affiliations": [
            {
                "actor": "popular-mobilization-forces",
                "title": "Deputy commander",
                "start": None,
                "end": None,
            },
            {"actor": "kataib-hezbollah", "title": "Founder", "start": None, "end": None},
        ],
    },
    {
        "slug": "adil-abdul-mahdi",
        "name": "Adil Abdul-Mahdi",
        # "Adil Abdul Mahdi" is the name itself once normalised.
        "aliases": ["Adel Abdul-Mahdi", "Abdul-Mahdi"],
        "affiliations": [
            {
                "actor": "government-of-iraq",
                "title": "Prime Minister",
                "start": None,
                "end": None,
            }
        ],
    },
    {
        "slug": "mohammed-shia-al-sudani",
        "name": "Mohammed Shia al-Sudani",
        "aliases": ["al-Sudani", "Sudani"],
        "affiliations": [
            {
                "actor": "government-of-iraq",
                "title": "Prime Minister",
                "start": None,
                "end": None,
            }
        ],
    },
    {
        "slug": "nuri-al-maliki",
        "name": "Nuri al-Maliki",
        "aliases": [],
        "affiliations": [
            {
                "actor": "government-of-iraq",
                "title": "Prime Minister",
                "start": None,
                "end": None,
            }
        ],
    },
    {
        "slug": "hadi-al-ameri",
        "name": "Hadi al-Ameri",
        "aliases": ["Hadi al-Amiri"],
        "affiliations": [
            {"actor": "badr-organization", "title": "Head", "start": None, "end": None},
            {"actor": "framework-coalition", "title": "Leader", "start": None, "end": None},
        ],
    },
    {
        "slug": "rend-al-rahim",
        "name": "Rend al-Rahim",
        "aliases": [],
        "affiliations": [],
    },
    {
        "slug": "rania-khalek",
        "name": "Rania Khalek",
        "aliases": [],
        "affiliations": [],
    },
]

SOURCES = [  # an origin appears before a source that republishes it
    {
        # Known only as pasted, under this headline and "(NYT)", in the BW Actual post
        # (articles/bw-actual-2024-02-08.txt); the paste gives no author or date.
        "key": "nyt-iraq-hosts-both",
        # The text as captured: the paste in the blog post, from its headline to its end.
        "article": None,
        "captured_from": ("bw-actual-2024-02-08.txt", "Iraq Hosts Both U.S.", "feel cornered.”"),
        "url": "",
        "title": "Iraq Hosts Both U.S. and Iranian-Backed Forces. It’s Getting Tense.",
        "outlet": "The New York Times",
        "author": "",
        "published_on": None,
        "kind": "news_report",
        "language": "en",
        "republishes": None,
    },
    {
        # "Posted by BW Actual on Feb 8th 2024"; the post prints no title or site name.
        "key": "bw-actual-2024-02-08",
        "article": "bw-actual-2024-02-08.txt",
        "url": "",
        "title": "",
        "outlet": "",
        "author": "BW Actual",
        "published_on": "2024-02-08",
        "kind": "opinion",
        "language": "en",
        "republishes": "nyt-iraq-hosts-both",
    },
    {
        # Known only as excerpted in the unsigned blog post
        # (articles/unsigned-blog-us-iran-restraint.txt), which prints it as
        # "Suadad al-Salhy (Iran tasked Nasrallah with uniting Iraqi proxies after
        # Soleimani's death 01/14/2020)"; no outlet is given.
        "key": "al-salhy-iran-tasked-nasrallah",
        # The text as captured: the excerpt the blog post quotes (with its interjection).
        "article": None,
        "captured_from": (
            "unsigned-blog-us-iran-restraint.txt",
            "The leaders of Iranian-backed paramilitary groups",
            "anti-government protesters.",
        ),
        "url": "",
        "title": "Iran tasked Nasrallah with uniting Iraqi proxies after Soleimani's death",
        "outlet": "",
        "author": "Suadad al-Salhy",
        "published_on": "2020-01-14",
        "kind": "news_report",
        "language": "en",
        "republishes": None,
    },
    {
        # PROVENANCE GAP: the post prints no title, author, outlet or date.
        "key": "unsigned-blog-us-iran-restraint",
        "article": "unsigned-blog-us-iran-restraint.txt",
        "url": "",
        "title": "",
        "outlet": "",
        "author": "",
        "published_on": None,
        "kind": "opinion",
        "language": "en",
        "republishes": None,
    },
    {
        # The republished copy says only "This piece has been republished with
        # permission from the Arab Center Washington DC": the original's title, author
        # and date are not given.
        "key": "arab-center-us-iran-maneuver",
        "article": None,
        "url": "",
        "title": "",
        "outlet": "Arab Center Washington DC",
        "author": "",
        "published_on": None,
        "kind": "analysis",
        "language": "en",
        "republishes": None,
    },
    {
        # The page names neither its own site nor an author nor a date.
        "key": "us-iran-continue-to-maneuver",
        "article": "us-and-iran-continue-to-maneuver-in-iraq.txt",
        "url": "",
        "title": "The United States and Iran continue to maneuver in Iraq",
        "outlet": "",
        "author": "",
        "published_on": None,
        "kind": "analysis",
        "language": "en",
        "republishes": "arab-center-us-iran-maneuver",
    },
    {
        # Headline only: no outlet, author or date is printed.
        "key": "baghdad-caught-in-crossfire",
        "article": "baghdad-caught-in-us-iran-crossfire.txt",
        "url": "",
        "title": "Baghdad Caught in U.S.-Iran Crossfire",
        "outlet": "",
        "author": "",
        "published_on": None,
        "kind": "analysis",
        "language": "en",
        "republishes": None,
    },
    {
        # Quoted in the unsigned blog post (articles/unsigned-blog-iraq-flash-point.txt)
        # as "Rania Khalek @RaniaKhalek – 18:44 UTC · Dec 29, 2019".
        "key": "rania-khalek-2019-12-29",
        # The text as captured: the tweet as the blog post reproduces it.
        "article": None,
        "captured_from": (
            "unsigned-blog-iraq-flash-point.txt",
            "The PMF group that was hit by the Americans",
            "THE line of defense.",
        ),
        "url": "",
        "title": "",
        "outlet": "",
        "author": "Rania Khalek (@RaniaKhalek)",
        "published_on": "2019-12-29",
        "kind": "social_media",
        "language": "en",
        "republishes": None,
    },
    {
        # PROVENANCE GAP: the post prints no title, author, outlet or date.
        "key": "unsigned-blog-iraq-flash-point",
        "article": "unsigned-blog-iraq-flash-point.txt",
        "url": "",
        "title": "",
        "outlet": "",
        "author": "",
        "published_on": None,
        "kind": "opinion",
        "language": "en",
        "republishes": None,
    },
]

# Coordinates are the editor's placing of the place a text names, on any atlas: the
# town's centre for "near Kirkuk" or "downtown Baghdad" (precision "town"), the main
# base or city of a wider area for "bases including al-Asad" or "south of Mosul"
# ("region"). Events whose texts name no single place have none: the map puts them at
# the centre of their country.
EVENTS = [
    {
        # "Considering the course of events since July of 2019 ... Attacks began on July 19"
        "slug": "pmu-drone-strikes-2019",
        "title": "Drone strikes on PMU positions in Iraq, July–August 2019",
        "date": "2019-07-19",
        "date_precision": "day",
        "end_date": None,
        "place": "Iraq",
        "country": "IQ",
        "kind": "drone_strike",
        "summary": "A series of drone strikes on Popular Mobilization Units bases and convoys in Iraq, beginning on 19 July 2019.",
    },
    {
        "slug": "amerli-drone-strike",
        "title": "Drone strike on a PMU base near Amerli",
        "date": "2019-07-19",
        "date_precision": "day",
        "end_date": None,
        "place": "PMU base near Amerli, Salahuddin Province",
        "country": "IQ",
        "latitude": "34.72110",
        "longitude": "44.58810",
        "location_precision": "town",
        "kind": "drone_strike",
        "summary": "A drone dropped explosives on a Popular Mobilization Units base near the town of Amerli, killing at least one fighter and injuring four others.",
    },
    {
        # "Sunday, August 25th", after "July of 2019"; 25 August 2019 was a Sunday.
        "slug": "al-qaim-drone-strike",
        "title": "Drone strike on a PMU convoy near al-Qa'im",
        "date": "2019-08-25",
        "date_precision": "day",
        "end_date": None,
        "place": "Near al-Qa'im, close to the Syrian border",
        "country": "IQ",
        "latitude": "34.36970",
        "longitude": "41.09470",
        "location_precision": "town",
        "kind": "drone_strike",
        "summary": "A drone strike on a Popular Mobilization Units convoy killed Kazem Mohsen, logistical support chief of the 45th PMU Brigade, and severely wounded another fighter.",
    },
    {
        # Milley (2 January 2020): "a sustained campaign ... since at least October";
        # the unsigned blog: "These attacks culminated in a rocket attack near Kirkuk on
        # December 27".
        "slug": "attacks-on-us-forces-iraq-2019",
        "title": "Attacks on U.S. forces in Iraq, October–December 2019",
        "date": "2019-10-01",
        "date_precision": "month",
        "end_date": "2019-12-27",
        "place": "Iraq",
        "country": "IQ",
        "kind": "other",
        "summary": "Escalating attacks on U.S. personnel and on Iraqi bases hosting them, culminating in the rocket attack on the K1 base near Kirkuk.",
    },
    {
        # "On November 8th", told as the warning before "Friday, December 27th" (2019).
        "slug": "mosul-base-rocket-attack",
        "title": "Rocket attack on a base south of Mosul",
        "date": "2019-11-08",
        "date_precision": "day",
        "end_date": None,
        "place": "Iraqi military base south of Mosul housing U.S. troops",
        "country": "IQ",
        "latitude": "36.34000",
        "longitude": "43.13000",
        "location_precision": "region",
        "kind": "rocket_attack",
        "summary": "17 Katyusha rockets were fired at the base; no casualties were reported.",
    },
    {
        # 27 December 2019 was a Friday, as one article says.
        "slug": "k1-base-rocket-attack",
        "title": "Rocket attack on the K1 base near Kirkuk",
        "date": "2019-12-27",
        "date_precision": "day",
        "end_date": None,
        "place": "K1 base near Kirkuk",
        "country": "IQ",
        "latitude": "35.46810",
        "longitude": "44.39220",
        "location_precision": "town",
        "kind": "rocket_attack",
        "summary": "Some 30 107mm Katyusha rockets hit the K1 base, which houses Iraqi and U.S. troops, killing a U.S. contractor and wounding two Iraqi and four U.S. soldiers.",
    },
    {
        "slug": "us-strikes-five-kh-facilities",
        "title": "U.S. strikes on five Kata'ib Hezbollah sites in Iraq and Syria",
        "date": "2019-12-29",
        "date_precision": "day",
        "end_date": None,
        "place": "Three sites in Iraq and two in Syria",
        "country": "",
        "kind": "airstrike",
        "summary": "Strikes on weapon stores and command sites of Kata'ib Hezbollah killed at least 25 fighters, including commanders, and wounded 51.",
    },
    {
        # The texts place it after the 29 December 2019 strikes ("The militia responded")
        # and before the U.S. "answered" by targeting Soleimani (early January 2020); the
        # month is the reading of "responded" as immediate.
        "slug": "us-embassy-baghdad-attack",
        "title": "Violent protest at the U.S. embassy in Baghdad",
        "date": "2019-12-01",
        "date_precision": "month",
        "end_date": None,
        "place": "U.S. embassy, Baghdad",
        "country": "IQ",
        "latitude": "33.31520",
        "longitude": "44.36610",
        "location_precision": "town",
        "kind": "protest_riot",
        "summary": "A violent protest at the U.S. embassy after the 29 December strikes caused extensive damage, including graffiti reading “Soleimani is my commander.”",
    },
    {
        "slug": "killing-of-soleimani-and-al-muhandis",
        "title": "Killing of Qassem Soleimani and Abu Mahdi al-Muhandis",
        "date": "2020-01-01",
        "date_precision": "month",
        "end_date": None,
        "place": "Outside Baghdad International Airport",
        "country": "IQ",
        "latitude": "33.26250",
        "longitude": "44.23460",
        "location_precision": "town",
        "kind": "assassination",
        "summary": "A drone strike in early January 2020 killed Quds Force commander Qassem Soleimani and Abu Mahdi al-Muhandis, deputy commander of the Popular Mobilization Units.",
    },
    {
        # One article: "On Wednesday", after the events of January 5 and before
        # remarks "on January 9" about "the strikes"; Suadad al-Salhy (14 January 2020):
        # "last week". The only such Wednesday is 8 January 2020.
        "slug": "iran-missile-strikes-on-us-bases",
        "title": "Iranian missile strikes on bases housing U.S. forces in Iraq",
        "date": "2020-01-08",
        "date_precision": "day",
        "end_date": None,
        "place": "Iraqi bases housing U.S. forces, including al-Asad air base",
        "country": "IQ",
        "latitude": "33.78560",
        "longitude": "42.44110",
        "location_precision": "region",
        "kind": "missile_strike",
        "summary": "Multiple ballistic missiles were launched at Iraqi bases housing U.S. forces, including al-Asad air base; there were no casualties.",
    },
    {
        # "In late November and early December 2019"
        "slug": "attacks-on-iranian-consulates",
        "title": "Attacks on the Iranian consulates in Karbala and Najaf",
        "date": "2019-11-01",
        "date_precision": "month",
        "end_date": None,
        "place": "Iranian consulates in Karbala and Najaf",
        "country": "IQ",
        "kind": "protest_riot",
        "summary": "Protesters attacked Iran's consulates in Karbala and Najaf in late November and early December 2019, torching the consulate in Najaf.",
    },
    {
        # The texts speak of "months of protests" before January 2020 and of the killing
        # of protesters without dating it; 2019 is the start the texts support.
        "slug": "crackdown-on-iraqi-protesters",
        "title": "Violent crackdown on Iraqi anti-government protesters",
        "date": "2019-01-01",
        "date_precision": "year",
        "end_date": None,
        "place": "Iraq",
        "country": "IQ",
        "kind": "other",
        "summary": "Killing and intimidation of Iraqi anti-government protesters during the protests against corruption and Iranian influence.",
    },
    {
        # Only the praise is dated ("Iran’s media on February 11"); the article's other
        # events are of January–February 2020, and the explosion itself is not dated.
        "slug": "explosion-us-military-vehicle-2020",
        "title": "Explosion reportedly targeting a U.S. military vehicle in Iraq",
        "date": "2020-02-01",
        "date_precision": "month",
        "end_date": None,
        "place": "Iraq",
        "country": "IQ",
        "kind": "bombing",
        "summary": "An explosion allegedly targeting a “US military vehicle”, praised by Iranian media on 11 February 2020.",
    },
    {
        # "The latest attack occurred on February 15", in an article about early 2020.
        "slug": "rocket-attack-baghdad-base-2020-02-15",
        "title": "Rocket attack on a base near the U.S. embassy in Baghdad",
        "date": "2020-02-15",
        "date_precision": "day",
        "end_date": None,
        "place": "Iraqi base housing U.S. military personnel near the U.S. embassy compound, Baghdad",
        "country": "IQ",
        "latitude": "33.31520",
        "longitude": "44.36610",
        "location_precision": "town",
        "kind": "rocket_attack",
        "summary": "The latest of several rocket attacks on Iraqi bases housing U.S. service members; no Americans were hurt.",
    },
    {
        # "since the war between Hamas and Israel began in October", in an article pasted
        # on 8 February 2024.
        "slug": "attacks-on-us-forces-since-october-2023",
        "title": "Attacks on U.S. camps and bases since October 2023",
        "date": "2023-10-01",
        "date_precision": "month",
        "end_date": None,
        "place": "Iraq and Syria",
        "country": "",
        "kind": "other",
        "summary": "More than 160 attacks on U.S. camps and bases since the war between Hamas and Israel began in October 2023.",
    },
    {
        # "Jan. 28"; "last month" in a post of 8 February 2024.
        "slug": "tower-22-drone-attack",
        "title": "Drone attack on Tower 22",
        "date": "2024-01-28",
        "date_precision": "day",
        "end_date": None,
        "place": "Tower 22, on the Jordanian side of the border with Iraq and Syria",
        "country": "JO",
        "latitude": "33.32000",
        "longitude": "38.69000",
        "location_precision": "region",
        "kind": "drone_strike",
        "summary": "A drone attack on the remote base killed three U.S. military personnel.",
    },
    {
        # "On February 2", in retaliation for the attack of 28 January 2024.
        "slug": "us-strikes-iraq-syria-2024-02-02",
        "title": "U.S. strikes on more than 85 targets in Iraq and Syria",
        "date": "2024-02-02",
        "date_precision": "day",
        "end_date": None,
        "place": "Iraq and Syria",
        "country": "",
        "kind": "airstrike",
        "summary": "U.S. forces struck more than 85 targets in Iraq and Syria after the Tower 22 attack.",
    },
    {
        # The New York Times (pasted 8 February 2024): "the one on Friday that killed 16
        # Iraqi fighters", "last week", which "followed" the 28 January attack. The only
        # Friday after 28 January and before 8 February 2024 is 2 February.
        "slug": "us-strike-western-iraq-16-killed",
        "title": "U.S. strike in western Iraq that killed 16 Iraqi fighters",
        "date": "2024-02-02",
        "date_precision": "day",
        "end_date": None,
        "place": "Western Iraq",
        "country": "IQ",
        "kind": "airstrike",
        "summary": "A U.S. strike on an Iranian-backed militia in western Iraq killed 16 Iraqi fighters.",
    },
    {
        # "On February 7"; "A U.S. drone strike in Baghdad" in a post of 8 February 2024.
        "slug": "us-strike-baghdad-kh-commander",
        "title": "U.S. drone strike in Baghdad killing a Kata'ib Hezbollah commander",
        "date": "2024-02-07",
        "date_precision": "day",
        "end_date": None,
        "place": "Downtown Baghdad",
        "country": "IQ",
        "latitude": "33.31520",
        "longitude": "44.36610",
        "location_precision": "town",
        "kind": "drone_strike",
        "summary": "A targeted strike in downtown Baghdad killed a key logistics commander of Kata'ib Hezbollah.",
    },
    {
        # "yesterday" in a post of 8 February 2024. The post does not name the country.
        "slug": "balochistan-election-office-blasts",
        "title": "Blasts near election offices in Balochistan",
        "date": "2024-02-07",
        "date_precision": "day",
        "end_date": None,
        "place": "Near election offices in Balochistan",
        "country": "",
        "kind": "bombing",
        "summary": "Two blasts near election offices killed at least 30 people on the eve of election day.",
    },
]

RELATIONS = [
    ("amerli-drone-strike", "part_of", "pmu-drone-strikes-2019"),
    ("al-qaim-drone-strike", "part_of", "pmu-drone-strikes-2019"),
    # "No mention of any correlation between the Israeli’s deadly drone attacks an the
    # Kataib Hezbollah retaliations."
    ("attacks-on-us-forces-iraq-2019", "retaliation_for", "pmu-drone-strikes-2019"),
    # "These attacks culminated in a rocket attack near Kirkuk on December 27"
    ("k1-base-rocket-attack", "part_of", "attacks-on-us-forces-iraq-2019"),
    # "On Friday, December 27th Croft’s warning came to fruition."
    ("k1-base-rocket-attack", "follows", "mosul-base-rocket-attack"),
    # "The U.S. retaliated on December 29"
    ("us-strikes-five-kh-facilities", "retaliation_for", "k1-base-rocket-attack"),
    # "The militia responded by violently protesting at the U.S. embassy in Baghdad"
    ("us-embassy-baghdad-attack", "retaliation_for", "us-strikes-five-kh-facilities"),
    # "The U.S. answered by sending Marines to the embassy, ... and targeting Soleimani."
    ("killing-of-soleimani-and-al-muhandis", "retaliation_for", "us-embassy-baghdad-attack"),
    # "after it bombed Iraqi military bases hosting US forces last week, in retaliation for
    # the killings of Soleimani and Muhandis"
    ("iran-missile-strikes-on-us-bases", "retaliation_for", "killing-of-soleimani-and-al-muhandis"),
    # "in retaliation for an Iran-aligned militia drone attack that killed three U.S.
    # military personnel on a remote base (“Tower 22”)"
    ("us-strikes-iraq-syria-2024-02-02", "retaliation_for", "tower-22-drone-attack"),
    # "justified responses to attacks on U.S. forces by Iran-backed groups"
    (
        "us-strikes-iraq-syria-2024-02-02",
        "retaliation_for",
        "attacks-on-us-forces-since-october-2023",
    ),
    # Same day (2 February 2024), same country, same retaliation: the NYT's strike in
    # western Iraq is read as one of the strikes of 2 February (an editorial inference).
    ("us-strike-western-iraq-16-killed", "part_of", "us-strikes-iraq-syria-2024-02-02"),
    # "It was those attacks that prompted recent instances of U.S. retaliation, including
    # the one on Friday that killed 16 Iraqi fighters. It followed a drone strike on Jan. 28"
    (
        "us-strike-western-iraq-16-killed",
        "retaliation_for",
        "attacks-on-us-forces-since-october-2023",
    ),
    ("us-strike-western-iraq-16-killed", "follows", "tower-22-drone-attack"),
    # "U.S. retaliatory strikes on Iran-aligned Iraqi militia targets over the past two
    # weeks"; the commander killed belonged to the militia held responsible for Tower 22.
    ("us-strike-baghdad-kh-commander", "retaliation_for", "tower-22-drone-attack"),
    (
        "us-strike-baghdad-kh-commander",
        "retaliation_for",
        "attacks-on-us-forces-since-october-2023",
    ),
    ("us-strike-baghdad-kh-commander", "follows", "us-strikes-iraq-syria-2024-02-02"),
]

# Dates of undated articles, as inferred from their texts (used for claims made in an
# article's own voice, or reported by it without a date of their own):
# - The New York Times article: pasted on 8 February 2024 and speaking of a statement
#   "on Sunday" after the strike of Friday 2 February, so written 5–8 February 2024.
# - "Baghdad Caught in U.S.-Iran Crossfire": reports events up to "February 11" of
#   2024 (the year of the strikes it shares with the 8 February 2024 post) and the
#   strikes "over the past two weeks": February 2024.
# - "The United States and Iran continue to maneuver in Iraq": its latest event is
#   "the latest attack ... on February 15" of 2020: February 2020.
# - The unsigned blog post on U.S.–Iran restraint: quotes pieces dated 01/13/2020 and
#   01/14/2020 as current news: January 2020.
# - The unsigned blog post on the Iraq flash point: reports the press briefing of
#   "January 2nd" (a Thursday, so 2020) as the latest news: January 2020.

CLAIMS = [
    # ---- Drone strikes on PMU positions, July–August 2019 -------------------------------
    {
        "key": "pmu-strikes-fatah-holds-us-accountable",
        "event": "pmu-drone-strikes-2019",
        "claimant_actor": "fatah-alliance",
        "claimant_person": None,
        "claimant_description": "",
        "speaker_title": "",
        "channel": "official_statement",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "accountable",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        "stated_on": "2019-08-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "In a statement released in August 2019, Iraq’s Fatah Alliance held the United States accountable for the drone strikes on PMU bases over the past few weeks",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "pmu-strikes-blog-israel-reported",
        "event": "pmu-drone-strikes-2019",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "israel",
        "role": "perpetrator",
        "hedging": "reported",
        "status": "unverified",
        "publication": "published",
        # why this date: the post is undated; it reports the briefing of 2 January 2020
        # as the latest news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "held the United States accountable for the drone strikes on PMU bases over the past few weeks, which were reported to have been carried out by the Israel.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "pmu-strikes-pmu-us-air-cover",
        "event": "pmu-drone-strikes-2019",
        "claimant_actor": "popular-mobilization-forces",
        "claimant_person": None,
        "claimant_description": "",
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "facilitator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: undated in the blog; said after the strikes of July–August 2019,
        # beside the Fatah Alliance's August 2019 statement. Which strike "the deadly
        # strike" is, the blog does not say; hence the claim is on the series.
        "stated_on": "2019-01-01",
        "stated_on_precision": "year",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "The PMU said that the deadly strike was launched under “air cover over the area from American planes.”",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "pmu-strikes-pmu-israel",
        "event": "pmu-drone-strikes-2019",
        "claimant_actor": "popular-mobilization-forces",
        "claimant_person": None,
        "claimant_description": "",
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "israel",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: as for the PMU's "air cover" claim (same statement).
        "stated_on": "2019-01-01",
        "stated_on_precision": "year",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "“While we reserve the right to respond to these Zionist attacks, we hold the international coalition, particularly the United States, fully responsible for this aggression, which we consider a declaration of war on Iraq and its people.”",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "pmu-strikes-pmu-holds-us-accountable",
        "event": "pmu-drone-strikes-2019",
        "claimant_actor": "popular-mobilization-forces",
        "claimant_person": None,
        "claimant_description": "",
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "accountable",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: as for the PMU's "air cover" claim (same statement).
        "stated_on": "2019-01-01",
        "stated_on_precision": "year",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "we hold the international coalition, particularly the United States, fully responsible for this aggression",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "pmu-strikes-pmu-holds-coalition-accountable",
        "event": "pmu-drone-strikes-2019",
        "claimant_actor": "popular-mobilization-forces",
        "claimant_person": None,
        "claimant_description": "",
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "operation-inherent-resolve-coalition",
        "role": "accountable",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: as for the PMU's "air cover" claim (same statement).
        "stated_on": "2019-01-01",
        "stated_on_precision": "year",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "we hold the international coalition, particularly the United States, fully responsible for this aggression, which we consider a declaration of war on Iraq and its people.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "amerli-blog-israel",
        "event": "amerli-drone-strike",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "israel",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: the post is undated; it reports the briefing of 2 January 2020
        # as the latest news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "Attacks began on July 19 when a Israeli drone dropped explosives onto a PMU, a Fatah Alliance group, base near the town of Amerli, in Salahuddin Province, killing at least one resistance fighter and injuring four others.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "al-qaim-blog-israel",
        "event": "al-qaim-drone-strike",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "israel",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: the post is undated; it reports the briefing of 2 January 2020
        # as the latest news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "Another Israeli drone attacks struck Sunday, August 25th a PMU convoy near the Iraqi town of al-Qa’im close to the Syrian border.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    # ---- Attacks on U.S. forces in Iraq, October–December 2019 --------------------------
    {
        "key": "us-forces-2019-milley-kh",
        "event": "attacks-on-us-forces-iraq-2019",
        "claimant_actor": "united-states-armed-forces",
        "claimant_person": "mark-milley",
        "claimant_description": "",
        "speaker_title": "Chairman of the Joint Chiefs of Staff",
        "channel": "press_briefing",
        "stance": "attributes",
        "attributed_actor": "kataib-hezbollah",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: "January 2nd", after the attack of 27 December 2019: 2020.
        "stated_on": "2020-01-02",
        "stated_on_precision": "day",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "At a press briefing January 2nd, Chairman of the Joint Chiefs of Staff Mark Milley said there had been a sustained campaign by Kataib Hezbollah against U.S. personnel since at least October",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "us-forces-2019-esper-iran",
        "event": "attacks-on-us-forces-iraq-2019",
        "claimant_actor": "us-department-of-defense",
        "claimant_person": "mark-esper",
        "claimant_description": "",
        "speaker_title": "U.S. Defense Secretary",
        "channel": "press_briefing",
        "stance": "attributes",
        "attributed_actor": "iran",
        "role": "sponsor",
        "hedging": "speculative",
        "status": "unverified",
        "publication": "published",
        # why this date: "During the same press briefing" (January 2nd), "on Thursday";
        # 2 January 2020 was a Thursday.
        "stated_on": "2020-01-02",
        "stated_on_precision": "day",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "During the same press briefing, U.S. Defense Secretary Mark Esper said on Thursday there were indications Iran or forces it backs may be planning additional attacks",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "us-forces-2019-blog-militias",
        "event": "attacks-on-us-forces-iraq-2019",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": None,
        "attributed_description": "Iranian-backed militias",
        "attributed_actor_hint": "kataib-hezbollah",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: the post is undated; it quotes pieces of 13 and 14 January 2020
        # as current news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-us-iran-restraint",
                "quote": "Recent provocations included escalating attacks on U.S. forces in Iraq by Iranian-backed militias.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    # ---- Rockets south of Mosul, 8 November 2019 -----------------------------------------
    {
        "key": "mosul-rockets-not-claimed",
        "event": "mosul-base-rocket-attack",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "no_claim",
        "attributed_actor": None,
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: the post is undated; it reports the briefing of 2 January 2020
        # as the latest news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "On November 8th, 17 Katyusha rockets were fired at an Iraqi military base south of Mosul that houses U.S. troops.",
                "locator": "",
                "language": "en",
                "translation": "",
            },
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "Responsibility for those rocket attacks were not claimed and no casualties were reported",
                "locator": "",
                "language": "en",
                "translation": "",
            },
        ],
    },
    # ---- K1 base near Kirkuk, 27 December 2019 -------------------------------------------
    {
        "key": "k1-us-declares-kh",
        "event": "k1-base-rocket-attack",
        "claimant_actor": "united-states",
        "claimant_person": None,
        "claimant_description": "",
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "kataib-hezbollah",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "disputed",
        "publication": "published",
        # why this date: "almost immediately" after the attack of 27 December 2019, and
        # before the retaliatory strikes of 29 December.
        "stated_on": "2019-12-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "almost immediately the U.S. declared that Kata’ib Hizbullah was the group guilty of the attack.",
                "locator": "",
                "language": "en",
                "translation": "",
            },
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "The Fatah alliance includes the Kata’ib Hizbollah, this is the group that the US recently accused and attacked in retaliation for a strike that killed a US contractor.",
                "locator": "",
                "language": "en",
                "translation": "",
            },
        ],
    },
    {
        "key": "k1-blog-asks-for-proof",
        "event": "k1-base-rocket-attack",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "disputes",
        "attributed_actor": "kataib-hezbollah",
        "role": "perpetrator",
        "hedging": "speculative",
        "status": "unverified",
        "publication": "published",
        # why this date: the post is undated; it reports the briefing of 2 January 2020
        # as the latest news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": "k1-us-declares-kh",
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "Maybe they were the guilty but where is the proof?",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "k1-blog-suggests-isis",
        "event": "k1-base-rocket-attack",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "islamic-state",
        "role": "perpetrator",
        "hedging": "speculative",
        "status": "unverified",
        "publication": "published",
        # why this date: the post is undated; it reports the briefing of 2 January 2020
        # as the latest news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": "k1-us-declares-kh",
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "Instead of investigating to confirm the culprits – ISIS remnants, disgruntled locals, Kurds who want to regain control over Kirkuk –",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "k1-milley-kh",
        "event": "k1-base-rocket-attack",
        "claimant_actor": "united-states-armed-forces",
        "claimant_person": "mark-milley",
        "claimant_description": "",
        "speaker_title": "Chairman of the Joint Chiefs of Staff",
        "channel": "press_briefing",
        "stance": "attributes",
        "attributed_actor": "kataib-hezbollah",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: "January 2nd", after the attack of 27 December 2019: 2020.
        "stated_on": "2020-01-02",
        "stated_on_precision": "day",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "Mark Milley said there had been a sustained campaign by Kataib Hezbollah against U.S. personnel since at least October and the missile attack in northern Iraq was designed to kill.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "k1-blog-iranian-backed-militias",
        "event": "k1-base-rocket-attack",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": None,
        "attributed_description": "Iranian-backed militias",
        "attributed_actor_hint": "kataib-hezbollah",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: the post is undated; it quotes pieces of 13 and 14 January 2020
        # as current news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-us-iran-restraint",
                "quote": "Recent provocations included escalating attacks on U.S. forces in Iraq by Iranian-backed militias.",
                "locator": "",
                "language": "en",
                "translation": "",
            },
            {
                "source": "unsigned-blog-us-iran-restraint",
                "quote": "These attacks culminated in a rocket attack near Kirkuk on December 27, in which a U.S. contractor was killed and several U.S. and Iraqi military personnel were wounded.",
                "locator": "",
                "language": "en",
                "translation": "",
            },
        ],
    },
    {
        "key": "k1-analysis-pro-iran-militia",
        "event": "k1-base-rocket-attack",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": ARAB_CENTER_ANALYSIS,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": None,
        "attributed_description": "a pro-Iran militia",
        "attributed_actor_hint": "kataib-hezbollah",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: the analysis is undated; its latest event is 15 February 2020.
        "stated_on": "2020-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "us-iran-continue-to-maneuver",
                "quote": "Trump has shown clearly that the death of an American citizen at the hands of a pro-Iran militia, like what occurred in late December, can provoke a US attack.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    # ---- U.S. strikes on five KH sites, 29 December 2019 ---------------------------------
    {
        "key": "kh-sites-blog-us",
        "event": "us-strikes-five-kh-facilities",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: the post is undated; it quotes pieces of 13 and 14 January 2020
        # as current news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-us-iran-restraint",
                "quote": "The U.S. retaliated on December 29, striking five Kataeb Hezbollah bases in Iraq, killing at least 25.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "kh-sites-flash-point-us-forces",
        "event": "us-strikes-five-kh-facilities",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states-armed-forces",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: the post is undated; it reports the briefing of 2 January 2020
        # as the latest news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "U.S. forces have conducted precision defensive strikes against five KH facilities in Iraq and Syria that will degrade KH’s ability to conduct future attacks against OIR coalition forces.",
                "locator": "",
                "language": "en",
                "translation": "",
            },
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "Secretary of State Mike Pompeo had informed Iraqi Prime Minister Adil Abdul-Mahdi of the US retaliatory attack ahead of time.",
                "locator": "",
                "language": "en",
                "translation": "",
            },
        ],
    },
    {
        "key": "kh-sites-khalek-us",
        "event": "us-strikes-five-kh-facilities",
        "claimant_actor": None,
        "claimant_person": "rania-khalek",
        "claimant_description": "",
        "speaker_title": "",
        "channel": "social_media",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        "stated_on": "2019-12-29",
        "stated_on_precision": "day",
        "responds_to": None,
        "citations": [
            {
                "source": "rania-khalek-2019-12-29",
                "quote": "The PMF group that was hit by the Americans has been fighting ISIS for years.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "kh-sites-abdul-mahdi-condemns",
        "event": "us-strikes-five-kh-facilities",
        "claimant_actor": "government-of-iraq",
        "claimant_person": "adil-abdul-mahdi",
        "claimant_description": "",
        "speaker_title": "Iraqi Prime Minister",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "accountable",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: the blog has him condemn the strike of 29 December 2019 "and
        # then", right after asking Pompeo to call it off; no day is given.
        "stated_on": "2019-12-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "The prime minister asked him to call it off, and then publicly condemned it, calling it an unspeakable, vicious assault that will have dangerous consequences.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "kh-sites-officials-sinful-violation",
        "event": "us-strikes-five-kh-facilities",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": "unnamed officials",
        "speaker_title": "",
        "channel": "unnamed_officials",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "accountable",
        "hedging": "reported",
        "status": "corroborated",
        "publication": "published",
        # why this date: reported without a date in a post from January 2020 (it reports
        # the briefing of 2 January 2020 as the latest news).
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "The US attack on Iraqi government paramilitary forces has only added to seriousness, with officials calling it a “sinful violation” of Iraqi sovereignty.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    # ---- U.S. embassy in Baghdad, December 2019 ------------------------------------------
    {
        "key": "embassy-blog-kh",
        "event": "us-embassy-baghdad-attack",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "kataib-hezbollah",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: the post is undated; it quotes pieces of 13 and 14 January 2020
        # as current news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-us-iran-restraint",
                "quote": "The U.S. retaliated on December 29, striking five Kataeb Hezbollah bases in Iraq, killing at least 25. The militia responded by violently protesting at the U.S. embassy in Baghdad, causing extensive damage, including graffiti reading “Soleimani is my commander.”",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "embassy-blog-us-strikes-accountable",
        "event": "us-embassy-baghdad-attack",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "accountable",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: the post is undated; it reports the briefing of 2 January 2020
        # as the latest news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-iraq-flash-point",
                "quote": "These strikes have brought havoc to the US Embassy in Bagdad.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    # ---- Killing of Soleimani and al-Muhandis, January 2020 ------------------------------
    {
        "key": "soleimani-blog-us",
        "event": "killing-of-soleimani-and-al-muhandis",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: the post is undated; it quotes pieces of 13 and 14 January 2020
        # as current news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-us-iran-restraint",
                "quote": "The U.S. answered by sending Marines to the embassy, deploying portions of the 82nd Airborne Division’s Immediate Response Force to the region, and targeting Soleimani.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "soleimani-iranian-state-tv-us",
        "event": "killing-of-soleimani-and-al-muhandis",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": "Iranian state television",
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: said after the killing (early January 2020) and reported in a
        # post of January 2020.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-us-iran-restraint",
                "quote": "Since the killing of Soleimani, Iranian state television called the act the “the biggest miscalculation by the U.S.” in the post-World War II period",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "soleimani-analysis-us-assassination",
        "event": "killing-of-soleimani-and-al-muhandis",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": ARAB_CENTER_ANALYSIS,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: the analysis is undated; its latest event is 15 February 2020.
        "stated_on": "2020-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "us-iran-continue-to-maneuver",
                "quote": "Since the US assassination in early January of Iran’s Quds Force commander, Major General Qassem Soleimani, Washington and Tehran have intensified their efforts to try to outmaneuver each other for influence in Iraq.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "soleimani-crossfire-us",
        "event": "killing-of-soleimani-and-al-muhandis",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": CROSSFIRE_ANALYSIS,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: the analysis is undated; it reports events up to 11 February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "baghdad-caught-in-crossfire",
                "quote": "since the January 2020 Trump administration strike on the revered IRGC-Qods Force commander Qasem Soleimani. That attack also killed KH founder Abu Mahdi al-Muhandis, who was traveling with Soleimani outside Baghdad International Airport",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "soleimani-nyt-us",
        "event": "killing-of-soleimani-and-al-muhandis",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": NYT,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: the NYT article is undated; pasted on 8 February 2024, it speaks
        # of a statement "on Sunday" after the strike of Friday 2 February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "nyt-iraq-hosts-both",
                "quote": "That started to change in 2020 after the United States killed one of Iran’s top security and intelligence commanders, Gen. Qassim Suleimani, a widely revered figure at home, in a drone attack as he was visiting Iraq.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    # ---- Iranian missile strikes, 8 January 2020 ----------------------------------------
    {
        "key": "missiles-zarif-claims",
        "event": "iran-missile-strikes-on-us-bases",
        "claimant_actor": "iran",
        "claimant_person": "javad-zarif",
        "claimant_description": "",
        "speaker_title": "Iranian foreign minister",
        "channel": "social_media",
        "stance": "claims_responsibility",
        "attributed_actor": "iran",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: "Following the attacks" of 8 January 2020; no day is given.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-us-iran-restraint",
                "quote": "Following the attacks, Iranian foreign minister Javad Zarif tweeted “Iran took & concluded appropriate measures…We do not seek escalation or war, but will defend ourselves against any aggression.”",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "missiles-blog-iran",
        "event": "iran-missile-strikes-on-us-bases",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": UNSIGNED_BLOG,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "iran",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: the post is undated; it quotes pieces of 13 and 14 January 2020
        # as current news.
        "stated_on": "2020-01-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-us-iran-restraint",
                "quote": "On Wednesday, Iran launched multiple ballistic missiles at bases housing U.S. forces in Iraq.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "missiles-al-salhy-iran",
        "event": "iran-missile-strikes-on-us-bases",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": "Suadad al-Salhy (author)",
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "iran",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        "stated_on": "2020-01-14",
        "stated_on_precision": "day",
        "responds_to": None,
        "citations": [
            {
                "source": "al-salhy-iran-tasked-nasrallah",
                "quote": "Iran is facing unprecedented tension in its relationship with the United States after it bombed Iraqi military bases hosting US forces last week, in retaliation for the killings of Soleimani and Muhandis.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "missiles-analysis-al-asad-iran",
        "event": "iran-missile-strikes-on-us-bases",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": ARAB_CENTER_ANALYSIS,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "iran",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: the analysis is undated; its latest event is 15 February 2020.
        "stated_on": "2020-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "us-iran-continue-to-maneuver",
                "quote": "visiting American troops at al-Asad air base, which sustained Iranian rocket attacks following Soleimani’s killing.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "missiles-trump-holds-iran-accountable",
        "event": "iran-missile-strikes-on-us-bases",
        "claimant_actor": "united-states",
        "claimant_person": "donald-trump",
        "claimant_description": "",
        "speaker_title": "President",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "iran",
        "role": "accountable",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: "January 9", following events of January 5 in the same account
        # (2020).
        "stated_on": "2020-01-09",
        "stated_on_precision": "day",
        "responds_to": None,
        "citations": [
            {
                "source": "unsigned-blog-us-iran-restraint",
                "quote": "In remarks on January 9, President Trump made it clear that the U.S. response to the strikes would be increased economic sanctions, rather than a military response.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    # ---- Iranian consulates in Karbala and Najaf, November–December 2019 -----------------
    {
        "key": "consulates-analysis-protesters",
        "event": "attacks-on-iranian-consulates",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": ARAB_CENTER_ANALYSIS,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "iraqi-anti-government-protesters",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: the analysis is undated; its latest event is 15 February 2020.
        "stated_on": "2020-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "us-iran-continue-to-maneuver",
                "quote": "In late November and early December 2019, Iraqi Shia protesters attacked Iranian consulates in the holy cities of Karbala and Najaf, even torching the diplomatic facility in the latter.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    # ---- Crackdown on protesters ---------------------------------------------------------
    {
        "key": "crackdown-protesters-blame-security-forces",
        "event": "crackdown-on-iraqi-protesters",
        "claimant_actor": "iraqi-anti-government-protesters",
        "claimant_person": None,
        "claimant_description": "",
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "iraqi-security-forces",
        "role": "perpetrator",
        "hedging": "alleged",
        "status": "unverified",
        "publication": "published",
        # why this date: reported without a date in an analysis of February 2020 (its
        # latest event is 15 February 2020).
        "stated_on": "2020-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "us-iran-continue-to-maneuver",
                "quote": "Moreover, the protesters have charged that these militia groups have aided the government’s security forces in cracking down violently on them.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "crackdown-protesters-blame-militias",
        "event": "crackdown-on-iraqi-protesters",
        "claimant_actor": "iraqi-anti-government-protesters",
        "claimant_person": None,
        "claimant_description": "",
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": None,
        "attributed_description": "the militia groups",
        "attributed_actor_hint": None,
        "role": "facilitator",
        "hedging": "alleged",
        "status": "unverified",
        "publication": "published",
        # why this date: reported without a date in an analysis of February 2020.
        "stated_on": "2020-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "us-iran-continue-to-maneuver",
                "quote": "One Shia protester told reporters that the Iran-backed Shia parties are “thieves,” while a Shia merchant said that the militia groups not only run extortion rackets in southern Iraq but are now controlling much of the economy there. Moreover, the protesters have charged that these militia groups have aided the government’s security forces in cracking down violently on them.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "crackdown-al-salhy-militias",
        "event": "crackdown-on-iraqi-protesters",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": "Suadad al-Salhy (author)",
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": None,
        "attributed_description": "Iranian-backed armed groups",
        "attributed_actor_hint": None,
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        "stated_on": "2020-01-14",
        "stated_on_precision": "day",
        "responds_to": None,
        "citations": [
            {
                "source": "al-salhy-iran-tasked-nasrallah",
                "quote": "over the role of Iranian-backed armed groups in the killing and intimidation of Iraqi anti-government protesters.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    # ---- Explosion targeting a U.S. military vehicle, February 2020 ----------------------
    {
        "key": "vehicle-explosion-analysis-militia",
        "event": "explosion-us-military-vehicle-2020",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": ARAB_CENTER_ANALYSIS,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": None,
        "attributed_description": "a militia group",
        "attributed_actor_hint": None,
        "role": "perpetrator",
        "hedging": "alleged",
        "status": "unverified",
        "publication": "published",
        # why this date: the analysis is undated; its latest event is 15 February 2020.
        "stated_on": "2020-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "us-iran-continue-to-maneuver",
                "quote": "Iran’s media on February 11 (the anniversary of Iran’s Islamic Revolution) even praised an explosion allegedly targeting a “US military vehicle” in Iraq by a militia group.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "vehicle-explosion-analysis-iran-sponsor",
        "event": "explosion-us-military-vehicle-2020",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": ARAB_CENTER_ANALYSIS,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "iran",
        "role": "sponsor",
        "hedging": "probable",
        "status": "unverified",
        "publication": "published",
        # why this date: the analysis is undated; its latest event is 15 February 2020.
        "stated_on": "2020-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "us-iran-continue-to-maneuver",
                "quote": "Second, Iran seems to be encouraging its Iraqi militia surrogates to engage in low-level violence against US troops and interests",
                "locator": "",
                "language": "en",
                "translation": "",
            },
            {
                "source": "us-iran-continue-to-maneuver",
                "quote": "None of these attacks have resulted in any American casualties but they are indicative of Iran’s ongoing pressure campaign.",
                "locator": "",
                "language": "en",
                "translation": "",
            },
        ],
    },
    # ---- Rocket attack near the U.S. embassy, 15 February 2020 ---------------------------
    {
        "key": "feb-15-analysis-iran-sponsor",
        "event": "rocket-attack-baghdad-base-2020-02-15",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": ARAB_CENTER_ANALYSIS,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "iran",
        "role": "sponsor",
        "hedging": "probable",
        "status": "unverified",
        "publication": "published",
        # why this date: the analysis is undated; its latest event is 15 February 2020.
        "stated_on": "2020-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "us-iran-continue-to-maneuver",
                "quote": "Second, Iran seems to be encouraging its Iraqi militia surrogates to engage in low-level violence against US troops and interests",
                "locator": "",
                "language": "en",
                "translation": "",
            },
            {
                "source": "us-iran-continue-to-maneuver",
                "quote": "The latest attack occurred on February 15 on an Iraqi base housing US military personnel near the US embassy compound in Baghdad.",
                "locator": "",
                "language": "en",
                "translation": "",
            },
        ],
    },
    # ---- Attacks on U.S. camps and bases since October 2023 ------------------------------
    {
        "key": "since-oct-2023-nyt-militias",
        "event": "attacks-on-us-forces-since-october-2023",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": NYT,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": None,
        "attributed_description": "the Iranian-backed armed groups in Iraq",
        "attributed_actor_hint": None,
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: the NYT article is undated; pasted on 8 February 2024, it speaks
        # of a statement "on Sunday" after the strike of Friday 2 February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "nyt-iraq-hosts-both",
                "quote": "the Iranian-backed armed groups in Iraq that have attacked U.S. camps and bases more than 160 times since the war between Hamas and Israel began in October.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "since-oct-2023-al-rahim-militias",
        "event": "attacks-on-us-forces-since-october-2023",
        "claimant_actor": None,
        "claimant_person": "rend-al-rahim",
        "claimant_description": "",
        "speaker_title": "president of the Iraq Foundation",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": None,
        "attributed_description": "the Iranian-backed militias",
        "attributed_actor_hint": None,
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: said to the NYT for its undated article of 5–8 February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "nyt-iraq-hosts-both",
                "quote": "The Iraqi leader, she said, has “done his utmost” to curb the Iranian-backed militias that have been targeting U.S. troops.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "since-oct-2023-us-leaders-iran-backed-groups",
        "event": "attacks-on-us-forces-since-october-2023",
        "claimant_actor": "united-states",
        "claimant_person": None,
        "claimant_description": "U.S. leaders (unnamed)",
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": None,
        "attributed_description": "Iran-backed groups",
        "attributed_actor_hint": None,
        "role": "perpetrator",
        "hedging": "reported",
        "status": "unverified",
        "publication": "published",
        # why this date: reported without a date in an analysis of February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "baghdad-caught-in-crossfire",
                "quote": "U.S. leaders have explained the strikes as necessary for self-defense – justified responses to attacks on U.S. forces by Iran-backed groups.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    # ---- Tower 22, 28 January 2024 -------------------------------------------------------
    {
        "key": "tower-22-bw-actual-kh",
        "event": "tower-22-drone-attack",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": BW_ACTUAL,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "kataib-hezbollah",
        "role": "perpetrator",
        "hedging": "probable",
        "status": "unverified",
        "publication": "published",
        "stated_on": "2024-02-08",
        "stated_on_precision": "day",
        "responds_to": None,
        "citations": [
            {
                "source": "bw-actual-2024-02-08",
                "quote": "A U.S. drone strike in Baghdad killed the commander of the Iran-backed Kataib Hezbollah militia thought to be responsible for the Tower 22 attack that killed three U.S. troops in Jordan last month.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "tower-22-us-officials-kh",
        "event": "tower-22-drone-attack",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": "unnamed U.S. officials",
        "speaker_title": "",
        "channel": "unnamed_officials",
        "stance": "attributes",
        "attributed_actor": "kataib-hezbollah",
        "role": "perpetrator",
        "hedging": "reported",
        "status": "unverified",
        "publication": "published",
        # why this date: reported without a date in an analysis of February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "baghdad-caught-in-crossfire",
                "quote": "killing a key logistics commander of the Kata’ib Hezbollah (KH) militia that U.S. officials say was responsible for the Jordan base attack.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "tower-22-nyt-iranian-backed-militia",
        "event": "tower-22-drone-attack",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": NYT,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": None,
        "attributed_description": "an Iranian-backed Iraqi militia",
        "attributed_actor_hint": "kataib-hezbollah",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "unverified",
        "publication": "published",
        # why this date: the NYT article is undated; pasted on 8 February 2024, it speaks
        # of a statement "on Sunday" after the strike of Friday 2 February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "nyt-iraq-hosts-both",
                "quote": "It followed a drone strike on Jan. 28 by an Iranian-backed Iraqi militia that killed three U.S. soldiers at a base in northwest Jordan.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    # ---- U.S. strikes of 2 February 2024 -------------------------------------------------
    {
        "key": "feb-2-crossfire-us-forces",
        "event": "us-strikes-iraq-syria-2024-02-02",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": CROSSFIRE_ANALYSIS,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states-armed-forces",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: the analysis is undated; it reports events up to 11 February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "baghdad-caught-in-crossfire",
                "quote": "On February 2, U.S. forces struck more than 85 targets in Iraq and Syria in retaliation for an Iran-aligned militia drone attack that killed three U.S. military personnel on a remote base (“Tower 22”) on the Jordanian side of the border with Iraq and Syria.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "feb-2-us-leaders-claim",
        "event": "us-strikes-iraq-syria-2024-02-02",
        "claimant_actor": "united-states",
        "claimant_person": None,
        "claimant_description": "U.S. leaders (unnamed)",
        "speaker_title": "",
        "channel": "",
        "stance": "claims_responsibility",
        "attributed_actor": "united-states",
        "role": "perpetrator",
        "hedging": "reported",
        "status": "confirmed",
        "publication": "published",
        # why this date: reported without a date in an analysis of February 2024, about
        # strikes of 2 and 7 February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "baghdad-caught-in-crossfire",
                "quote": "U.S. leaders have explained the strikes as necessary for self-defense – justified responses to attacks on U.S. forces by Iran-backed groups.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    # ---- U.S. strike in western Iraq, 2 February 2024 ------------------------------------
    {
        "key": "sixteen-killed-nyt-us",
        "event": "us-strike-western-iraq-16-killed",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": NYT,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: the NYT article is undated; pasted on 8 February 2024, it speaks
        # of a statement "on Sunday" after the strike of Friday 2 February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "nyt-iraq-hosts-both",
                "quote": "A U.S. strike on one of those militias last week killed 16 Iraqis, and Iraq is saying it has had enough.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "sixteen-killed-sudani-office",
        "event": "us-strike-western-iraq-16-killed",
        "claimant_actor": "government-of-iraq",
        "claimant_person": "mohammed-shia-al-sudani",
        "claimant_description": "",
        "speaker_title": "Prime Minister",
        "channel": "official_statement",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "accountable",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: "a statement on Sunday" about "last week’s attack"; the NYT text
        # was pasted on Thursday 8 February 2024 and the strike was on Friday 2 February,
        # so the Sunday is 4 February 2024.
        "stated_on": "2024-02-04",
        "stated_on_precision": "day",
        "responds_to": None,
        "citations": [
            {
                "source": "nyt-iraq-hosts-both",
                "quote": "Its statement Sunday denouncing the fighting on its soil was particularly pointed in its criticism of the United States, describing last week’s attack in western Iraq as “a blatant aggression” that had jeopardized talks on reducing the number of American troops in Iraq.",
                "locator": "",
                "language": "en",
                "translation": "",
            },
            {
                "source": "baghdad-caught-in-crossfire",
                "quote": "Prime Minister al-Sudani, seeking to retain the support of his core pro-Iranian base and reflect public opposition to the U.S. strikes, also lashed out at the United States.",
                "locator": "",
                "language": "en",
                "translation": "",
            },
        ],
    },
    {
        "key": "sixteen-killed-maliki",
        "event": "us-strike-western-iraq-16-killed",
        "claimant_actor": None,
        "claimant_person": "nuri-al-maliki",
        "claimant_description": "",
        "speaker_title": "former prime minister of Iraq",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: "After the deadly American strike last week" (2 February 2024),
        # in the NYT article of 5–8 February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "nyt-iraq-hosts-both",
                "quote": "After the deadly American strike last week, Nuri al-Maliki, a former prime minister of Iraq who leads an influential Parliamentary party that supports the government, appeared at least publicly disinclined to give much room to the United States, saying it had targeted Iraqis “in cold blood.”",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "sixteen-killed-al-rahim-us",
        "event": "us-strike-western-iraq-16-killed",
        "claimant_actor": None,
        "claimant_person": "rend-al-rahim",
        "claimant_description": "",
        "speaker_title": "president of the Iraq Foundation",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: said to the NYT for its undated article of 5–8 February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "nyt-iraq-hosts-both",
                "quote": "Then the U.S. strike came on top of this already building anger that now Iraq is an open field for the U.S. to settle scores with Iran.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    # ---- U.S. strike in Baghdad, 7 February 2024 -----------------------------------------
    {
        "key": "feb-7-bw-actual-us",
        "event": "us-strike-baghdad-kh-commander",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": BW_ACTUAL,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        "stated_on": "2024-02-08",
        "stated_on_precision": "day",
        "responds_to": None,
        "citations": [
            {
                "source": "bw-actual-2024-02-08",
                "quote": "A U.S. drone strike in Baghdad killed the commander of the Iran-backed Kataib Hezbollah militia",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "feb-7-crossfire-us-forces",
        "event": "us-strike-baghdad-kh-commander",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": CROSSFIRE_ANALYSIS,
        "speaker_title": "",
        "channel": "",
        "stance": "attributes",
        "attributed_actor": "united-states-armed-forces",
        "role": "perpetrator",
        "hedging": "asserted",
        "status": "corroborated",
        "publication": "published",
        # why this date: the analysis is undated; it reports events up to 11 February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "baghdad-caught-in-crossfire",
                "quote": "On February 7, U.S. forces conducted a targeted strike in downtown Baghdad, killing a key logistics commander of the Kata’ib Hezbollah (KH) militia",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "feb-7-iraqi-official-us",
        "event": "us-strike-baghdad-kh-commander",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_description": "an unnamed Iraqi official",
        "speaker_title": "",
        "channel": "unnamed_officials",
        "stance": "attributes",
        "attributed_actor": "united-states",
        "role": "accountable",
        "hedging": "reported",
        "status": "corroborated",
        "publication": "published",
        # why this date: between the strike of 7 February 2024 and the post of 8 February
        # 2024; the day is not given.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "bw-actual-2024-02-08",
                "quote": 'An Iraqi official complained that the strike "violated Iraqi sovereignty and risked dangerous repercussions in the region."',
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
    {
        "key": "feb-7-us-leaders-claim",
        "event": "us-strike-baghdad-kh-commander",
        "claimant_actor": "united-states",
        "claimant_person": None,
        "claimant_description": "U.S. leaders (unnamed)",
        "speaker_title": "",
        "channel": "",
        "stance": "claims_responsibility",
        "attributed_actor": "united-states",
        "role": "perpetrator",
        "hedging": "reported",
        "status": "confirmed",
        "publication": "published",
        # why this date: reported without a date in an analysis of February 2024, about
        # strikes of 2 and 7 February 2024.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "baghdad-caught-in-crossfire",
                "quote": "U.S. leaders have explained the strikes as necessary for self-defense – justified responses to attacks on U.S. forces by Iran-backed groups.",
                "locator": "",
                "language": "en",
                "translation": "",
            },
        ],
    },
    # ---- Balochistan, 7 February 2024 ----------------------------------------------------
    {
        "key": "balochistan-islamic-state-claims",
        "event": "balochistan-election-office-blasts",
        "claimant_actor": "islamic-state",
        "claimant_person": None,
        "claimant_description": "",
        "speaker_title": "",
        "channel": "",
        "stance": "claims_responsibility",
        "attributed_actor": "islamic-state",
        "role": "perpetrator",
        "hedging": "reported",
        "status": "unverified",
        "publication": "published",
        # why this date: between the blasts of 7 February 2024 ("yesterday") and the post
        # of 8 February 2024; the day is not given.
        "stated_on": "2024-02-01",
        "stated_on_precision": "month",
        "responds_to": None,
        "citations": [
            {
                "source": "bw-actual-2024-02-08",
                "quote": "Islamic State claimed the two blasts that killed at least 30 people near election offices in Balochistan yesterday.",
                "locator": "",
                "language": "en",
                "translation": "",
            }
        ],
    },
]
