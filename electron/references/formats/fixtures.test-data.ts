// The memo's sources as Zotero exports them, in each format the tests read.

export const BIBTEX = `
@comment{jabref-meta: databaseType:bibtex;}
@preamble{ "\\newcommand{\\noopsort}[1]{}" }
@string{ cup = "Cornell University Press" }

@book{markowitz2013,
  title = {State {Erosion}: {Unlootable} {Resources} and {Unruly} {Elites} in {Central} {Asia}},
  shorttitle = {State {Erosion}},
  isbn = {978-0-8014-5172-3},
  publisher = cup,
  address = {Ithaca},
  author = {Markowitz, Lawrence P.},
  year = {2013},
}

@article{dedanieli2014,
  title = "Beyond the drug-terror nexus: {Drug} trafficking and state-crime relations in {Central} {Asia}",
  volume = {25},
  issn = {0955-3959},
  doi = {10.1016/j.drugpo.2014.01.013},
  number = {6},
  journal = {International Journal of Drug Policy},
  author = {De Danieli, Filippo},
  month = nov,
  year = 2014,
  pages = {1235--1240},
}

@techreport{bleuer2014,
  address = {Kabul},
  title = {Between {Co}-operation and {Insulation}: {Afghanistan}'s {Relations} with the {Central} {Asian} {Republics}},
  institution = {Afghanistan Analysts Network},
  author = {Bleuer, Christian and Kazemi, Said Reza},
  month = jun,
  year = {2014},
}

@techreport{watts2015,
  address = {Santa Monica, CA},
  title = {Identifying and {Mitigating} {Risks} in {Security} {Sector} {Assistance} for {Africa}'s {Fragile} {States}},
  number = {RR-808-A},
  institution = {RAND Corporation},
  author = {Watts, Stephen},
  year = {2015},
  url = {https://www.rand.org/pubs/research_reports/RR808.html},
  urldate = {2024-03-02},
}

@incollection{matveeva2005,
  address = {London},
  title = {Tajikistan: {Evolution} of the {Security} {Sector} and the {War} on {Terror}},
  booktitle = {Security {Sector} {Reform} in {Central} {Asia}: {Exploring} {Needs} and {Possibilities}},
  publisher = {Centre for European Policy Studies},
  author = {Matveeva, Anna},
  editor = {Gorenburg, Dmitry},
  year = {2005},
  pages = {133--152},
}

@incollection{rytovuori-apunen2016,
  address = {London and New York},
  title = {Tajikistan and {Afghanistan}: {The} {Border} {Problem}},
  booktitle = {The {Regional} {Security} {Puzzle} around {Afghanistan}},
  publisher = {Routledge},
  author = {Ryt{\\"o}vuori-Apunen, Helena and Usmonov, Firdavs},
  editor = {Ryt{\\"o}vuori-Apunen, Helena},
  year = {2016},
  pages = {95--118},
}
`;

export const BIBLATEX = `
@book{markowitz2013,
  location = {Ithaca},
  title = {State Erosion},
  subtitle = {Unlootable Resources and Unruly Elites in Central Asia},
  publisher = {Cornell University Press},
  author = {Markowitz, Lawrence P.},
  date = {2013},
}
@article{dedanieli2014,
  title = {Beyond the drug-terror nexus: Drug trafficking and state-crime relations in Central Asia},
  volume = {25},
  doi = {10.1016/j.drugpo.2014.01.013},
  number = {6},
  journaltitle = {International Journal of Drug Policy},
  shortjournal = {Int J Drug Policy},
  author = {De Danieli, Filippo},
  date = {2014-11},
  pages = {1235--1240},
}
@report{bleuer2014,
  location = {Kabul},
  title = {Between Co-operation and Insulation: Afghanistan's Relations with the Central Asian Republics},
  institution = {{Afghanistan Analysts Network}},
  type = {Thematic Report},
  author = {Bleuer, Christian and Kazemi, Said Reza},
  date = {2014-06-12},
  url = {https://www.afghanistan-analysts.org/en/special-reports/},
  urldate = {2024-03-02},
}
@online{aan2019,
  title = {Afghanistan Analysts Network},
  author = {{Afghanistan Analysts Network}},
  url = {https://www.afghanistan-analysts.org},
  urldate = {2019-05-01},
}
@article{arxiv2020,
  title = {A preprint},
  author = {Doe, Jane},
  date = {2020},
  eprint = {2001.01234},
  eprinttype = {arxiv},
}
`;

export const RIS = `TY  - BOOK
TI  - State Erosion: Unlootable Resources and Unruly Elites in Central Asia
AU  - Markowitz, Lawrence P.
CY  - Ithaca
PB  - Cornell University Press
PY  - 2013
SN  - 978-0-8014-5172-3
ER  - 

TY  - JOUR
TI  - Beyond the drug-terror nexus: Drug trafficking and state-crime relations in Central Asia
AU  - De Danieli, Filippo
T2  - International Journal of Drug Policy
J2  - Int J Drug Policy
DA  - 2014/11/01/
PY  - 2014
DO  - 10.1016/j.drugpo.2014.01.013
VL  - 25
IS  - 6
SP  - 1235
EP  - 1240
SN  - 0955-3959
KW  - Central Asia
KW  - Drug trafficking
AB  - This paper examines the relations between
  drug trafficking and state actors.
ER  - 

TY  - RPRT
TI  - Between Co-operation and Insulation: Afghanistan's Relations with the Central Asian Republics
AU  - Bleuer, Christian
AU  - Kazemi, Said Reza
CY  - Kabul
PB  - Afghanistan Analysts Network
PY  - 2014
ER  - 

TY  - RPRT
TI  - Identifying and Mitigating Risks in Security Sector Assistance for Africa's Fragile States
AU  - Watts, Stephen
CY  - Santa Monica, CA
PB  - RAND Corporation
PY  - 2015
UR  - https://www.rand.org/pubs/research_reports/RR808.html
Y2  - 2024-03-02 10:11:12
ER  - 

TY  - CHAP
TI  - Tajikistan: Evolution of the Security Sector and the War on Terror
AU  - Matveeva, Anna
A2  - Gorenburg, Dmitry
T2  - Security Sector Reform in Central Asia: Exploring Needs and Possibilities
CY  - London
PB  - Centre for European Policy Studies
PY  - 2005
SP  - 133
EP  - 152
ER  - 

TY  - CHAP
TI  - Tajikistan and Afghanistan: The Border Problem
AU  - Rytövuori-Apunen, Helena
AU  - Usmonov, Firdavs
A2  - Rytövuori-Apunen, Helena
T2  - The Regional Security Puzzle around Afghanistan
CY  - London and New York
PB  - Routledge
PY  - 2016
SP  - 95
EP  - 118
ER  - 
`;

export const CSLJSON = JSON.stringify([
  {
    id: 'http://zotero.org/users/1/items/ABCD1234',
    type: 'book',
    title: 'State Erosion: Unlootable Resources and Unruly Elites in Central Asia',
    publisher: 'Cornell University Press',
    'publisher-place': 'Ithaca',
    ISBN: '978-0-8014-5172-3',
    author: [{ family: 'Markowitz', given: 'Lawrence P.' }],
    issued: { 'date-parts': [['2013']] },
  },
  {
    id: 'dedanieli2014',
    type: 'article-journal',
    title: 'Beyond the drug-terror nexus: Drug trafficking and state-crime relations in Central Asia',
    'container-title': 'International Journal of Drug Policy',
    volume: '25',
    issue: '6',
    page: '1235-1240',
    DOI: '10.1016/j.drugpo.2014.01.013',
    author: [{ family: 'De Danieli', given: 'Filippo' }],
    issued: { 'date-parts': [[2014, 11]] },
  },
  {
    id: 'bleuer2014',
    type: 'report',
    title: "Between Co-operation and Insulation: Afghanistan's Relations with the Central Asian Republics",
    publisher: 'Afghanistan Analysts Network',
    author: [
      { family: 'Bleuer', given: 'Christian' },
      { family: 'Kazemi', given: 'Said Reza' },
    ],
    issued: { 'date-parts': [[2014, 6]] },
  },
  {
    id: 'watts2015',
    type: 'report',
    title: "Identifying and Mitigating Risks in Security Sector Assistance for Africa's Fragile States",
    publisher: 'RAND Corporation',
    'publisher-place': 'Santa Monica, CA',
    number: 'RR-808-A',
    URL: 'https://www.rand.org/pubs/research_reports/RR808.html',
    accessed: { 'date-parts': [[2024, 3, 2]] },
    author: [{ family: 'Watts', given: 'Stephen' }],
    issued: { 'date-parts': [[2015]] },
  },
  {
    id: 'matveeva2005',
    type: 'chapter',
    title: 'Tajikistan: Evolution of the Security Sector and the War on Terror',
    'container-title': 'Security Sector Reform in Central Asia: Exploring Needs and Possibilities',
    author: [{ family: 'Matveeva', given: 'Anna' }],
    editor: [{ family: 'Gorenburg', given: 'Dmitry' }],
    page: '133-152',
    issued: { 'date-parts': [[2005]] },
  },
  {
    id: 'rytovuori-apunen2016',
    type: 'chapter',
    title: 'Tajikistan and Afghanistan: The Border Problem',
    'container-title': 'The Regional Security Puzzle around Afghanistan',
    publisher: 'Routledge',
    author: [
      { family: 'Rytövuori-Apunen', given: 'Helena' },
      { family: 'Usmonov', given: 'Firdavs' },
    ],
    page: '95-118',
    issued: { 'date-parts': [[2016]] },
    'zotero-custom-field': 'kept',
  },
]);
