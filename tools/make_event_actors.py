#!/usr/bin/env python3
"""Generates data/events/countries.actors.txt (TABARI/PETRARCH actor format).

Sources (facts, not copied files):
  - country names: ISO 3166-1 from Debian's iso-codes package
    (/usr/share/iso-codes/json/iso_3166-1.json): name, common name, official name;
  - adjectives/demonyms, capitals and seats of government: written by hand below
    from general reference knowledge.
CAMEO country codes are ISO 3166-1 alpha-3 codes (the few CAMEO exceptions are
not followed). Run: python3 tools/make_event_actors.py > data/events/countries.actors.txt
"""
import json
import re
import sys

ISO = '/usr/share/iso-codes/json/iso_3166-1.json'

# code: (adjectives and demonyms, capitals and seats of power)
EXTRA = {
    'AFG': ('Afghan Afghans', 'Kabul'),
    'ALB': ('Albanian Albanians', 'Tirana'),
    'DZA': ('Algerian Algerians', 'Algiers'),
    'AGO': ('Angolan Angolans', 'Luanda'),
    'ARG': ('Argentine Argentinian Argentinians', 'Buenos_Aires'),
    'ARM': ('Armenian Armenians', 'Yerevan'),
    'AUS': ('Australian Australians', 'Canberra'),
    'AUT': ('Austrian Austrians', 'Vienna'),
    'AZE': ('Azerbaijani Azerbaijanis Azeri', 'Baku'),
    'BHR': ('Bahraini Bahrainis', 'Manama'),
    'BGD': ('Bangladeshi Bangladeshis', 'Dhaka'),
    'BLR': ('Belarusian Belarusians', 'Minsk'),
    'BEL': ('Belgian Belgians', 'Brussels'),
    'BOL': ('Bolivian Bolivians', 'La_Paz Sucre'),
    'BIH': ('Bosnian Bosnians', 'Sarajevo'),
    'BRA': ('Brazilian Brazilians', 'Brasilia'),
    'BGR': ('Bulgarian Bulgarians', 'Sofia'),
    'KHM': ('Cambodian Cambodians', 'Phnom_Penh'),
    'CMR': ('Cameroonian Cameroonians', 'Yaounde'),
    'CAN': ('Canadian Canadians', 'Ottawa'),
    'TCD': ('Chadian Chadians', "N'Djamena"),
    'CHL': ('Chilean Chileans', 'Santiago'),
    'CHN': ('Chinese', 'Beijing Zhongnanhai'),
    'COL': ('Colombian Colombians', 'Bogota'),
    'COD': ('Congolese', 'Kinshasa'),
    'CRI': ('Costa_Rican Costa_Ricans', 'San_Jose'),
    'HRV': ('Croatian Croatians Croat Croats', 'Zagreb'),
    'CUB': ('Cuban Cubans', 'Havana'),
    'CYP': ('Cypriot Cypriots', 'Nicosia'),
    'CZE': ('Czech Czechs', 'Prague'),
    'DNK': ('Danish Dane Danes', 'Copenhagen'),
    'DOM': ('Dominican', 'Santo_Domingo'),
    'ECU': ('Ecuadorian Ecuadorians', 'Quito'),
    'EGY': ('Egyptian Egyptians', 'Cairo'),
    'SLV': ('Salvadoran Salvadorans', 'San_Salvador'),
    'ERI': ('Eritrean Eritreans', 'Asmara'),
    'EST': ('Estonian Estonians', 'Tallinn'),
    'ETH': ('Ethiopian Ethiopians', 'Addis_Ababa'),
    'FIN': ('Finnish Finn Finns', 'Helsinki'),
    'FRA': ('French Frenchman Frenchmen', 'Paris Elysee Élysée'),
    'GEO': ('Georgian Georgians', 'Tbilisi'),
    'DEU': ('German Germans', 'Berlin'),
    'GHA': ('Ghanaian Ghanaians', 'Accra'),
    'GRC': ('Greek Greeks', 'Athens'),
    'GTM': ('Guatemalan Guatemalans', 'Guatemala_City'),
    'HTI': ('Haitian Haitians', 'Port-au-Prince'),
    'HND': ('Honduran Hondurans', 'Tegucigalpa'),
    'HUN': ('Hungarian Hungarians', 'Budapest'),
    'ISL': ('Icelandic Icelander Icelanders', 'Reykjavik'),
    'IND': ('Indian Indians', 'New_Delhi'),
    'IDN': ('Indonesian Indonesians', 'Jakarta'),
    'IRN': ('Iranian Iranians Persian', 'Tehran'),
    'IRQ': ('Iraqi Iraqis', 'Baghdad'),
    'IRL': ('Irish', 'Dublin'),
    'ISR': ('Israeli Israelis', 'Jerusalem Tel_Aviv'),
    'ITA': ('Italian Italians', 'Rome'),
    'JAM': ('Jamaican Jamaicans', 'Kingston'),
    'JPN': ('Japanese', 'Tokyo'),
    'JOR': ('Jordanian Jordanians', 'Amman'),
    'KAZ': ('Kazakh Kazakhs Kazakhstani', 'Astana'),
    'KEN': ('Kenyan Kenyans', 'Nairobi'),
    'PRK': ('North_Korean North_Koreans', 'Pyongyang'),
    'KOR': ('South_Korean South_Koreans', 'Seoul'),
    'KWT': ('Kuwaiti Kuwaitis', 'Kuwait_City'),
    'KGZ': ('Kyrgyz', 'Bishkek'),
    'LAO': ('Laotian Lao', 'Vientiane'),
    'LVA': ('Latvian Latvians', 'Riga'),
    'LBN': ('Lebanese', 'Beirut'),
    'LBR': ('Liberian Liberians', 'Monrovia'),
    'LBY': ('Libyan Libyans', 'Tripoli'),
    'LTU': ('Lithuanian Lithuanians', 'Vilnius'),
    'MKD': ('Macedonian Macedonians', 'Skopje'),
    'MDG': ('Malagasy', 'Antananarivo'),
    'MWI': ('Malawian Malawians', 'Lilongwe'),
    'MYS': ('Malaysian Malaysians', 'Kuala_Lumpur'),
    'MLI': ('Malian Malians', 'Bamako'),
    'MRT': ('Mauritanian Mauritanians', 'Nouakchott'),
    'MEX': ('Mexican Mexicans', 'Mexico_City'),
    'MDA': ('Moldovan Moldovans', 'Chisinau'),
    'MNG': ('Mongolian Mongolians', 'Ulaanbaatar'),
    'MNE': ('Montenegrin Montenegrins', 'Podgorica'),
    'MAR': ('Moroccan Moroccans', 'Rabat'),
    'MOZ': ('Mozambican Mozambicans', 'Maputo'),
    'MMR': ('Burmese Myanmar', 'Naypyidaw Yangon'),
    'NAM': ('Namibian Namibians', 'Windhoek'),
    'NPL': ('Nepali Nepalese', 'Kathmandu'),
    'NLD': ('Dutch Dutchman', 'Amsterdam The_Hague'),
    'NZL': ('New_Zealander New_Zealanders', 'Wellington'),
    'NIC': ('Nicaraguan Nicaraguans', 'Managua'),
    'NER': ('Nigerien Nigeriens', 'Niamey'),
    'NGA': ('Nigerian Nigerians', 'Abuja'),
    'NOR': ('Norwegian Norwegians', 'Oslo'),
    'OMN': ('Omani Omanis', 'Muscat'),
    'PAK': ('Pakistani Pakistanis', 'Islamabad'),
    'PSE': ('Palestinian Palestinians', 'Ramallah Gaza'),
    'PAN': ('Panamanian Panamanians', 'Panama_City'),
    'PRY': ('Paraguayan Paraguayans', 'Asuncion'),
    'PER': ('Peruvian Peruvians', 'Lima'),
    'PHL': ('Philippine Filipino Filipinos', 'Manila'),
    'POL': ('Polish Pole Poles', 'Warsaw'),
    'PRT': ('Portuguese', 'Lisbon'),
    'QAT': ('Qatari Qataris', 'Doha'),
    'ROU': ('Romanian Romanians', 'Bucharest'),
    'RUS': ('Russian Russians', 'Moscow Kremlin'),
    'RWA': ('Rwandan Rwandans', 'Kigali'),
    'SAU': ('Saudi Saudis', 'Riyadh'),
    'SEN': ('Senegalese', 'Dakar'),
    'SRB': ('Serbian Serbians Serb Serbs', 'Belgrade'),
    'SLE': ('Sierra_Leonean Sierra_Leoneans', 'Freetown'),
    'SGP': ('Singaporean Singaporeans', ''),
    'SVK': ('Slovak Slovaks Slovakian', 'Bratislava'),
    'SVN': ('Slovenian Slovenians Slovene', 'Ljubljana'),
    'SOM': ('Somali Somalis', 'Mogadishu'),
    'ZAF': ('South_African South_Africans', 'Pretoria'),
    'SSD': ('South_Sudanese', 'Juba'),
    'ESP': ('Spanish Spaniard Spaniards', 'Madrid'),
    'LKA': ('Sri_Lankan Sri_Lankans', 'Colombo'),
    'SDN': ('Sudanese', 'Khartoum'),
    'SWE': ('Swedish Swede Swedes', 'Stockholm'),
    'CHE': ('Swiss', 'Bern'),
    'SYR': ('Syrian Syrians', 'Damascus'),
    'TWN': ('Taiwanese', 'Taipei'),
    'TJK': ('Tajik Tajiks', 'Dushanbe'),
    'TZA': ('Tanzanian Tanzanians', 'Dodoma Dar_es_Salaam'),
    'THA': ('Thai', 'Bangkok'),
    'TUN': ('Tunisian Tunisians', 'Tunis'),
    'TUR': ('Turkish Turk Turks', 'Ankara'),
    'TKM': ('Turkmen', 'Ashgabat'),
    'UGA': ('Ugandan Ugandans', 'Kampala'),
    'UKR': ('Ukrainian Ukrainians', 'Kyiv Kiev'),
    'ARE': ('Emirati Emiratis', 'Abu_Dhabi'),
    'GBR': ('British Briton Britons', 'London Downing_Street Whitehall'),
    'USA': ('American Americans', 'Washington White_House'),
    'URY': ('Uruguayan Uruguayans', 'Montevideo'),
    'UZB': ('Uzbek Uzbeks', 'Tashkent'),
    'VEN': ('Venezuelan Venezuelans', 'Caracas'),
    'VNM': ('Vietnamese', 'Hanoi'),
    'YEM': ('Yemeni Yemenis', "Sana'a Sanaa"),
    'ZMB': ('Zambian Zambians', 'Lusaka'),
    'ZWE': ('Zimbabwean Zimbabweans', 'Harare'),
}

# Other names in news use (hand-written).
ALIASES = {
    'USA': ['United_States', 'U.S.', 'US_', 'USA', 'America_', 'United_States_of_America'],
    'GBR': ['Britain', 'Great_Britain', 'UK_', 'U.K.', 'England', 'Scotland', 'Wales'],
    'RUS': ['Russia'],
    'KOR': ['South_Korea'],
    'PRK': ['North_Korea'],
    'IRN': ['Iran', 'Islamic_Republic_of_Iran', 'Islamic_Republic'],
    'SYR': ['Syria'],
    'VNM': ['Vietnam'],
    'TWN': ['Taiwan'],
    'PSE': ['Palestine', 'Gaza_Strip', 'West_Bank'],
    'COD': ['Democratic_Republic_of_Congo', 'DR_Congo', 'DRC_'],
    'COG': ['Republic_of_Congo', 'Congo-Brazzaville'],
    'CZE': ['Czech_Republic', 'Czechia'],
    'NLD': ['Holland'],
    'TUR': ['Turkey', 'Turkiye', 'Türkiye'],
    'MMR': ['Burma'],
    'CIV': ["Ivory_Coast", "Cote_d'Ivoire"],
    'ISR': ['Israel', 'Zionist_regime', 'Zionist_entity'],
    'VAT': ['Vatican', 'Holy_See'],
    'LAO': ['Laos'],
    'MDA': ['Moldova'],
    'BOL': ['Bolivia'],
    'VEN': ['Venezuela'],
    'TZA': ['Tanzania'],
}


def phrase(s):
    s = s.strip().upper().replace(' ', '_')
    return s


def main():
    countries = json.load(open(ISO))['3166-1']
    print('# Countries for the newsgraph event coder: TABARI/PETRARCH actor format.')
    print('# Generated by tools/make_event_actors.py from ISO 3166-1 (Debian iso-codes)')
    print('# and hand-written adjectives, demonyms, capitals and seats of government.')
    print('# A trailing _ means the whole word; without it the last word may be a stem.')
    for c in sorted(countries, key=lambda x: x['alpha_3']):
        code = c['alpha_3']
        names = []
        for k in ('common_name', 'name', 'official_name'):
            if k in c and ',' not in c[k] and '(' not in c[k]:
                names.append(phrase(c[k]) + '_')
        names += [phrase(a) if a.endswith('_') else phrase(a) + '_' for a in ALIASES.get(code, [])]
        adj, caps = EXTRA.get(code, ('', ''))
        names += [phrase(a) + '_' for a in adj.split()]
        names += [phrase(a) + '_' for a in caps.split()]
        seen = []
        for n in names:
            n = re.sub(r'_+', '_', n)
            if n not in seen:
                seen.append(n)
        if not seen:
            continue
        print()
        print('%s [%s]' % (seen[0], code))
        for n in seen[1:]:
            print('+' + n)


if __name__ == '__main__':
    main()
