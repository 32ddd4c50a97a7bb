"""Writes news_gold.jsonl: hand-written news-style articles with hand annotations (dossier's own data, shippable)."""
import json

A = []

def art(id, published, text, entities, quotes=(), timexes=(), sources=(), events=(), authors=(), outlet=None):
    A.append(dict(id=id, published=published, text=text, entities=[list(e) for e in entities],
                  quotes=[list(q) for q in quotes], timexes=[list(t) for t in timexes], sources=list(sources),
                  events=[list(e) for e in events], authors=list(authors), outlet=outlet))

art("g01", "2021-06-15",
"""BRUSSELS — European Union leaders agreed on Monday to extend economic sanctions against Belarus, diplomats said.

“This is a clear signal to Minsk,” said Charles Michel, the president of the European Council. Michel added that the measures would be reviewed in December.

The Belarusian foreign ministry called the decision “hostile and illegal”. Alexander Lukashenko, who has ruled Belarus since 1994, said on state television that his country would retaliate.""",
entities=[("European Union","ORG"),("Belarus","GPE"),("Minsk","GPE"),("Charles Michel","PERSON"),("the European Council","ORG"),("Alexander Lukashenko","PERSON"),("Brussels","GPE")],
quotes=[("This is a clear signal to Minsk","Charles Michel","direct"),("hostile and illegal","the Belarusian foreign ministry","mixed"),("the measures would be reviewed in December","Charles Michel","indirect"),("his country would retaliate","Alexander Lukashenko","indirect")],
timexes=[("Monday","2021-06-14"),("December","2021-12"),("1994","1994")],
events=[("sanctions",["European Union","Belarus"])])

art("g02", "2019-11-04",
"""Police in Hong Kong arrested more than 40 protesters on Sunday after a march through the city centre turned violent, according to the South China Morning Post.

A police spokesman told reporters that officers had fired tear gas after demonstrators threw bricks. “We had no choice,” he said.

The protests began in June over a proposed extradition bill.""",
entities=[("Hong Kong","GPE"),("the South China Morning Post","ORG")],
quotes=[("Police in Hong Kong arrested more than 40 protesters on Sunday after a march through the city centre turned violent","South China Morning Post","indirect"),("officers had fired tear gas after demonstrators threw bricks","A police spokesman","indirect"),("We had no choice","A police spokesman","direct")],
timexes=[("Sunday","2019-11-03"),("June","2019-06")],
sources=["South China Morning Post"],
events=[("arrest",["Hong Kong"]),("protest",["Hong Kong"])])

art("g03", "2022-09-09",
"""Queen Elizabeth II died peacefully at Balmoral on Thursday afternoon, Buckingham Palace announced. She was 96.

Her son, King Charles III, said in a statement: “The death of my beloved mother is a moment of the greatest sadness for me and all members of my family.”

Prime Minister Liz Truss, who had been appointed by the Queen only two days earlier, described her as “the rock on which modern Britain was built”.""",
entities=[("Queen Elizabeth II","PERSON"),("Balmoral","GPE"),("Buckingham Palace","ORG"),("King Charles III","PERSON"),("Liz Truss","PERSON"),("Britain","GPE")],
quotes=[("Queen Elizabeth II died peacefully at Balmoral on Thursday afternoon","Buckingham Palace","indirect"),("The death of my beloved mother is a moment of the greatest sadness for me and all members of my family.","King Charles III","direct"),("the rock on which modern Britain was built","Liz Truss","mixed")],
timexes=[("Thursday afternoon","2022-09-08TAF"),("two days earlier","2022-09-06")],
events=[("death",["Queen Elizabeth II"]),("appointment",["Liz Truss"])])

art("g04", "2018-03-05",
"""By Sarah Jones

LONDON (Reuters) - A former Russian military intelligence officer who spied for Britain was found unconscious in the English city of Salisbury on Sunday, police said.

Sergei Skripal, 66, was convicted of spying in Russia in 2006. He came to Britain in 2010 as part of a spy swap between Moscow and Washington.

Wiltshire Police said a major incident had been declared. Skripal and a woman, 33, were in a critical condition.""",
entities=[("Sergei Skripal","PERSON"),("Britain","GPE"),("Salisbury","GPE"),("Russia","GPE"),("Moscow","GPE"),("Washington","GPE"),("Wiltshire Police","ORG"),("London","GPE"),("Reuters","ORG")],
quotes=[("A former Russian military intelligence officer who spied for Britain was found unconscious in the English city of Salisbury on Sunday","police","indirect"),("a major incident had been declared","Wiltshire Police","indirect")],
timexes=[("Sunday","2018-03-04"),("2006","2006"),("2010","2010")],
sources=["Reuters"],
authors=["Sarah Jones"],
events=[("trial",["Sergei Skripal"]),("exchange",["Moscow","Washington"])])

art("g05", "2020-02-12",
"""Bernie Sanders won the New Hampshire primary on Tuesday night, narrowly beating Pete Buttigieg, the former mayor of South Bend, Indiana.

“This victory here is the beginning of the end for Donald Trump,” Sanders told supporters in Manchester.

Buttigieg, 38, congratulated his rival. He said his campaign would go on to Nevada, where voters caucus on February 22. Amy Klobuchar finished third.""",
entities=[("Bernie Sanders","PERSON"),("New Hampshire","GPE"),("Pete Buttigieg","PERSON"),("South Bend","GPE"),("Indiana","GPE"),("Donald Trump","PERSON"),("Manchester","GPE"),("Nevada","GPE"),("Amy Klobuchar","PERSON")],
quotes=[("This victory here is the beginning of the end for Donald Trump","Bernie Sanders","direct"),("his campaign would go on to Nevada, where voters caucus on February 22","Pete Buttigieg","indirect")],
timexes=[("Tuesday night","2020-02-11TNI"),("February 22","2020-02-22")],
events=[("election",["Bernie Sanders","New Hampshire"])])

art("g06", "2023-05-20",
"""Kyiv says it has recaptured territory near Bakhmut, where Ukrainian and Russian forces have fought for nine months.

Hanna Maliar, Ukraine's deputy defence minister, wrote on Telegram that the troops had advanced two kilometres. Russia's defence ministry denied the claim.

Yevgeny Prigozhin, the head of the Wagner mercenary group, said on Saturday his fighters had taken the town. Western officials could not confirm it, the BBC reported.""",
entities=[("Kyiv","GPE"),("Bakhmut","GPE"),("Hanna Maliar","PERSON"),("Ukraine","GPE"),("Telegram","ORG"),("Russia","GPE"),("Yevgeny Prigozhin","PERSON"),("Wagner","ORG"),("BBC","ORG")],
quotes=[("it has recaptured territory near Bakhmut","Kyiv","indirect"),("the troops had advanced two kilometres","Hanna Maliar","indirect"),("his fighters had taken the town","Yevgeny Prigozhin","indirect"),("Western officials could not confirm it","BBC","indirect")],
timexes=[("nine months","P9M"),("Saturday","2023-05-20")],
sources=["BBC"],
events=[("attack",["Bakhmut"])])

art("g07", "2016-07-16",
"""ANKARA, Turkey — Turkish authorities detained nearly 3,000 soldiers on Saturday after a failed coup attempt overnight, Prime Minister Binali Yildirim said.

President Recep Tayyip Erdogan, speaking at Istanbul airport, blamed followers of the cleric Fethullah Gulen, who lives in Pennsylvania. “They will pay a heavy price for this,” Mr. Erdogan said.

Gulen denied any involvement.""",
entities=[("Ankara","GPE"),("Turkey","GPE"),("Binali Yildirim","PERSON"),("Recep Tayyip Erdogan","PERSON"),("Istanbul","GPE"),("Fethullah Gulen","PERSON"),("Pennsylvania","GPE")],
quotes=[("Turkish authorities detained nearly 3,000 soldiers on Saturday after a failed coup attempt overnight","Binali Yildirim","indirect"),("They will pay a heavy price for this","Recep Tayyip Erdogan","direct")],
timexes=[("Saturday","2016-07-16")],
events=[("arrest",["Turkey"])])

art("g08", "2024-01-10",
"""The Federal Reserve held interest rates steady on Wednesday and signalled that cuts could come later this year.

“We are not declaring victory,” Jerome Powell, the Fed chair, told a news conference in Washington. Inflation has fallen from a peak of 9.1 percent in June 2022, figures from the Labor Department show.

Markets expect the first cut in March, according to CME Group data.""",
entities=[("the Federal Reserve","ORG"),("Jerome Powell","PERSON"),("Fed","ORG"),("Washington","GPE"),("the Labor Department","ORG"),("CME Group","ORG")],
quotes=[("We are not declaring victory","Jerome Powell","direct"),("Markets expect the first cut in March","CME Group","indirect")],
timexes=[("Wednesday","2024-01-10"),("later this year","2024"),("June 2022","2022-06"),("March","2024-03")],
events=[])

art("g09", "2017-11-22",
"""Ratko Mladic, the former Bosnian Serb military commander, was sentenced to life in prison on Wednesday by a United Nations tribunal in The Hague.

The court found him guilty of genocide over the 1995 Srebrenica massacre, in which about 8,000 Muslim men and boys were killed. Mladic shouted at the judges and was removed from the courtroom.

“Mladic's name will be added to the list of history's most evil,” said Zeid Ra'ad al-Hussein, the UN human rights chief.""",
entities=[("Ratko Mladic","PERSON"),("United Nations","ORG"),("The Hague","GPE"),("Srebrenica","GPE"),("Zeid Ra'ad al-Hussein","PERSON"),("UN","ORG")],
quotes=[("Mladic's name will be added to the list of history's most evil","Zeid Ra'ad al-Hussein","direct")],
timexes=[("Wednesday","2017-11-22"),("1995","1995")],
events=[("trial",["Ratko Mladic"]),("death",["Srebrenica"])])

art("g10", "2015-09-03",
"""Hungary closed Budapest's main railway station to migrants on Tuesday, leaving hundreds stranded.

"We are not going back," said Ahmed, a 24-year-old engineer from Aleppo who had been waiting outside Keleti station for three days. He said he wanted to reach Germany.

German Chancellor Angela Merkel said last week that Germany expected 800,000 asylum seekers this year.""",
entities=[("Hungary","GPE"),("Budapest","GPE"),("Ahmed","PERSON"),("Aleppo","GPE"),("Keleti","FAC"),("Germany","GPE"),("Angela Merkel","PERSON")],
quotes=[("We are not going back","Ahmed","direct"),("he wanted to reach Germany","Ahmed","indirect"),("Germany expected 800,000 asylum seekers this year","Angela Merkel","indirect")],
timexes=[("Tuesday","2015-09-01"),("three days","P3D"),("last week","2015-W35"),("this year","2015")],
events=[])

art("g11", "2021-01-18",
"""Alexei Navalny was detained at a Moscow airport on Sunday minutes after landing from Berlin, where he had spent five months recovering from a nerve agent attack.

Navalny, the Kremlin's most prominent critic, had been warned that he would be arrested. “I am not afraid,” he told journalists on the plane.

The United States and the European Union called for his immediate release. Kremlin spokesman Dmitry Peskov said it was a matter for the police.""",
entities=[("Alexei Navalny","PERSON"),("Moscow","GPE"),("Berlin","GPE"),("Kremlin","ORG"),("the United States","GPE"),("the European Union","ORG"),("Dmitry Peskov","PERSON")],
quotes=[("I am not afraid","Alexei Navalny","direct"),("he would be arrested","","indirect"),("it was a matter for the police","Dmitry Peskov","indirect")],
timexes=[("Sunday","2021-01-17"),("five months","P5M")],
events=[("arrest",["Alexei Navalny","Moscow"])])

art("g12", "2019-04-16",
"""PARIS (AP) — Fire tore through Notre Dame Cathedral on Monday evening, toppling its spire. President Emmanuel Macron vowed to rebuild the 850-year-old landmark.

"Notre Dame is our history, our literature, our imagination," Macron said outside the cathedral. "We will rebuild it together."

Paris prosecutor Remy Heitz said investigators were treating the fire as an accident. The cause was not yet known, firefighters said.""",
entities=[("Paris","GPE"),("AP","ORG"),("Notre Dame Cathedral","FAC"),("Emmanuel Macron","PERSON"),("Remy Heitz","PERSON")],
quotes=[("Notre Dame is our history, our literature, our imagination,","Emmanuel Macron","direct"),("We will rebuild it together.","Emmanuel Macron","direct"),("investigators were treating the fire as an accident","Remy Heitz","indirect"),("The cause was not yet known","firefighters","indirect")],
timexes=[("Monday evening","2019-04-15TEV"),("850-year-old","P850Y")],
sources=["Associated Press"],
events=[])

art("g13", "2023-11-16",
"""WASHINGTON — A Federal Reserve report released on Wednesday found that household debt rose for the fourth straight quarter. The report says credit card balances reached a record.

Treasury Secretary Janet Yellen said the figures were no cause for alarm. “Families are still spending,” she told reporters.

Many economists believe that interest rates will stay high into next year. The central bank has decided that it will publish the data every month.""",
entities=[("Washington","GPE"),("Federal Reserve","ORG"),("Treasury","ORG"),("Janet Yellen","PERSON")],
# a fourth element is the attribution's category (speech when absent)
quotes=[("household debt rose for the fourth straight quarter","A Federal Reserve report","indirect","finding"),("credit card balances reached a record","The report","indirect","document"),("the figures were no cause for alarm","Janet Yellen","indirect","speech"),("Families are still spending","Janet Yellen","direct","speech"),("interest rates will stay high into next year","Many economists","indirect","belief"),("it will publish the data every month","The central bank","indirect","plan")],
timexes=[("Wednesday","2023-11-15"),("next year","2024"),("every month","P1M")],
events=[])

with open("news_gold.jsonl", "w", encoding="utf-8") as fh:
    for a in A:
        for q in a["quotes"]:
            assert q[0] in a["text"], (a["id"], q[0])
        for t in a["timexes"]:
            assert t[0] in a["text"], (a["id"], t[0])
        fh.write(json.dumps(a, ensure_ascii=False) + "\n")
print(len(A), "articles")
