"""COW IGO v3 names its state columns in words; the COW country code of each column."""

IGO_COLUMNS: dict[str, int] = {
    "afghanistan": 700,  # Afghanistan
    "albania": 339,  # Albania
    "algeria": 615,  # Algeria
    "andorra": 232,  # Andorra
    "angola": 540,  # Angola
    "antiguabarbuda": 58,  # Antigua & Barbuda
    "argentina": 160,  # Argentina
    "armenia": 371,  # Armenia
    "australia": 900,  # Australia
    "austria": 305,  # Austria
    "austriahungary": 300,  # Austria-Hungary
    "azerbaijan": 373,  # Azerbaijan
    "baden": 267,  # Baden
    "bahamas": 31,  # Bahamas
    "bahrain": 692,  # Bahrain
    "bangladesh": 771,  # Bangladesh
    "barbados": 53,  # Barbados
    "bavariaelect": 245,  # Bavaria
    "belarus": 370,  # Belarus
    "belgium": 211,  # Belgium
    "belize": 80,  # Belize
    "benin": 434,  # Benin
    "bhutan": 760,  # Bhutan
    "bolivia": 145,  # Bolivia
    "bosnia": 346,  # Bosnia and Herzegovina
    "botswana": 571,  # Botswana
    "brazil": 140,  # Brazil
    "brunei": 835,  # Brunei
    "bulgaria": 355,  # Bulgaria
    "burkinafaso": 439,  # Burkina Faso
    "burundi": 516,  # Burundi
    "car": 482,  # Central African Republic
    "cambodia": 811,  # Cambodia
    "cameroon": 471,  # Cameroon
    "canada": 20,  # Canada
    "capeverde": 402,  # Cape Verde
    "chad": 483,  # Chad
    "chile": 155,  # Chile
    "china": 710,  # China
    "colombia": 100,  # Colombia
    "comoros": 581,  # Comoros
    "congobrazz": 484,  # Congo
    "costarica": 94,  # Costa Rica
    "croatia": 344,  # Croatia
    "cuba": 40,  # Cuba
    "cyprus": 352,  # Cyprus
    "czechrep": 316,  # Czech Republic
    "czechoslovakia": 315,  # Czechoslovakia
    "denmark": 390,  # Denmark
    "djibouti": 522,  # Djibouti
    "domrepublic": 42,  # Dominican Republic
    "dominica": 54,  # Dominica
    "egermany": 265,  # German Democratic Republic
    "etimor": 860,  # East Timor
    "ecuador": 130,  # Ecuador
    "egypt": 651,  # Egypt
    "elsalvador": 92,  # El Salvador
    "eqguinea": 411,  # Equatorial Guinea
    "eritrea": 531,  # Eritrea
    "estonia": 366,  # Estonia
    "ethiopia": 530,  # Ethiopia
    "fyromacedonia": 343,  # Macedonia
    "fiji": 950,  # Fiji
    "finland": 375,  # Finland
    "france": 220,  # France
    "gabon": 481,  # Gabon
    "gambia": 420,  # Gambia
    "georgia": 372,  # Georgia
    "germany": 255,  # Germany
    "ghana": 452,  # Ghana
    "greece": 350,  # Greece
    "grenada": 55,  # Grenada
    "guatemala": 90,  # Guatemala
    "guinea": 438,  # Guinea
    "guineabissau": 404,  # Guinea-Bissau
    "guyana": 110,  # Guyana
    "haiti": 41,  # Haiti
    "hanover": 240,  # Hanover
    "hesseelect": 273,  # Hesse Electoral
    "hessegrand": 275,  # Hesse Grand Ducal
    "honduras": 91,  # Honduras
    "hungary": 310,  # Hungary
    "iceland": 395,  # Iceland
    "india": 750,  # India
    "indonesia": 850,  # Indonesia
    "iran": 630,  # Iran
    "iraq": 645,  # Iraq
    "ireland": 205,  # Ireland
    "israel": 666,  # Israel
    "italy": 325,  # Italy
    "ivorycoast": 437,  # Ivory Coast
    "jamaica": 51,  # Jamaica
    "japan": 740,  # Japan
    "jordan": 663,  # Jordan
    "kazakhstan": 705,  # Kazakhstan
    "kenya": 501,  # Kenya
    "kiribati": 946,  # Kiribati
    "korea": 730,  # Korea
    "kosovo": 347,  # Kosovo
    "kuwait": 690,  # Kuwait
    "kyrgyzstan": 703,  # Kyrgyzstan
    "laos": 812,  # Laos
    "latvia": 367,  # Latvia
    "lebanon": 660,  # Lebanon
    "lesotho": 570,  # Lesotho
    "liberia": 450,  # Liberia
    "libya": 620,  # Libya
    "liechtenstein": 223,  # Liechtenstein
    "lithuania": 368,  # Lithuania
    "luxembourg": 212,  # Luxembourg
    "madagascar": 580,  # Madagascar
    "malawi": 553,  # Malawi
    "malaysia": 820,  # Malaysia
    "maldives": 781,  # Maldives
    "mali": 432,  # Mali
    "malta": 338,  # Malta
    "marshallis": 983,  # Marshall Islands
    "mauritania": 435,  # Mauritania
    "mauritius": 590,  # Mauritius
    "mecklenburg": 280,  # Mecklenburg Schwerin
    "mexico": 70,  # Mexico
    "micronesiafs": 987,  # Federated States of Micronesia
    "modena": 332,  # Modena
    "moldova": 359,  # Moldova
    "monaco": 221,  # Monaco
    "mongolia": 712,  # Mongolia
    "morocco": 600,  # Morocco
    "montenegro": 341,  # Montenegro
    "mozambique": 541,  # Mozambique
    "myanmar": 775,  # Myanmar
    "namibia": 565,  # Namibia
    "nauru": 970,  # Nauru
    "nepal": 790,  # Nepal
    "netherlands": 210,  # Netherlands
    "newzealand": 920,  # New Zealand
    "nicaragua": 93,  # Nicaragua
    "niger": 436,  # Niger
    "nigeria": 475,  # Nigeria
    "nokorea": 731,  # North Korea
    "norway": 385,  # Norway
    "nyemen": 678,  # Yemen Arab Republic
    "oman": 698,  # Oman
    "pakistan": 770,  # Pakistan
    "palau": 986,  # Palau
    "panama": 95,  # Panama
    "papalstates": 327,  # Papal States
    "papuanewguinea": 910,  # Papua New Guinea
    "paraguay": 150,  # Paraguay
    "parma": 335,  # Parma
    "peru": 135,  # Peru
    "philippines": 840,  # Philippines
    "poland": 290,  # Poland
    "portugal": 235,  # Portugal
    "qatar": 694,  # Qatar
    "romania": 360,  # Romania
    "russia": 365,  # Russia
    "rwanda": 517,  # Rwanda
    "svietnam": 817,  # Republic of Vietnam
    "syemen": 680,  # Yemen People's Republic
    "sanmarino": 331,  # San Marino
    "saotome": 403,  # Sao Tome and Principe
    "saudiarabia": 670,  # Saudi Arabia
    "saxony": 269,  # Saxony
    "senegal": 433,  # Senegal
    "seychelles": 591,  # Seychelles
    "sierraleone": 451,  # Sierra Leone
    "singapore": 830,  # Singapore
    "slovakia": 317,  # Slovakia
    "slovenia": 349,  # Slovenia
    "soafrica": 560,  # South Africa
    "sokorea": 732,  # South Korea
    "sosudan": 626,  # South Sudan
    "solomonis": 940,  # Solomon Islands
    "somalia": 520,  # Somalia
    "spain": 230,  # Spain
    "srilanka": 780,  # Sri Lanka
    "stkitts": 60,  # St. Kitts and Nevis
    "stlucia": 56,  # St. Lucia
    "stvincent": 57,  # St. Vincent and the Grenadines
    "sudan": 625,  # Sudan
    "suriname": 115,  # Suriname
    "swaziland": 572,  # Swaziland
    "sweden": 380,  # Sweden
    "switzerland": 225,  # Switzerland
    "syria": 652,  # Syria
    "taiwan": 713,  # Taiwan
    "tajikistan": 702,  # Tajikistan
    "tanzania": 510,  # Tanzania
    "thailand": 800,  # Thailand
    "togo": 461,  # Togo
    "tonga": 955,  # Tonga
    "trinidad": 52,  # Trinidad and Tobago
    "tunisia": 616,  # Tunisia
    "turkey": 640,  # Turkey
    "turkmenistan": 701,  # Turkmenistan
    "tuscany": 337,  # Tuscany
    "tuvalu": 947,  # Tuvalu
    "twosicilies": 329,  # Two Sicilies
    "uae": 696,  # United Arab Emirates
    "uk": 200,  # United Kingdom
    "usa": 2,  # United States of America
    "uganda": 500,  # Uganda
    "ukraine": 369,  # Ukraine
    "uruguay": 165,  # Uruguay
    "uzbekistan": 704,  # Uzbekistan
    "vanuatu": 935,  # Vanuatu
    "venezuela": 101,  # Venezuela
    "vietnam": 816,  # Vietnam
    "wgermany": 260,  # German Federal Republic
    "wsamoa": 990,  # Samoa
    "wurtenburg": 271,  # Wuerttemburg
    "yemen": 679,  # Yemen
    "yugoslaviaserb": 345,  # Yugoslavia
    "zaire": 490,  # Democratic Republic of the Congo
    "zambia": 551,  # Zambia
    "zanzibar": 511,  # Zanzibar
    "zimbabwe": 552,  # Zimbabwe
}
