package corpus

import "strings"

// wordSet is a set of words, built from a space-separated list.
type wordSet map[string]bool

func newWordSet(lists ...string) wordSet {
	s := wordSet{}
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			s[w] = true
		}
	}
	return s
}

// lexicon holds the word lists that name recognition and fact extraction
// lean on. It is built once per Extractor; nothing here changes afterwards.
type lexicon struct {
	stop       wordSet // capitalised words that never start or make a name
	places     wordSet // places and nationalities: not parties to a deal
	roles      wordSet // job titles, which sit between an org and a person
	orgWords   wordSet // last words that make a name a company's
	firstNames wordSet // given names, which make a name a person's
	speech     wordSet // verbs that attribute a quotation
	// determiners before a capitalised word make it a product or a unit
	// of the company named before ("its Caldera chips").
	determiners wordSet
	plurals     wordSet // people in the plural, who start sentences: "Owners say"
	products    wordSet // nouns of products: "Caldera chips"
}

func newLexicon() *lexicon {
	return &lexicon{
		stop: newWordSet(`The A An And But Or Nor So Yet For In On At To By Of From With Without Into Onto
			Over Under Above Below About After Before Since Until While When Whenever Where Whereas Which
			Who Whom Whose What Why How If Unless Though Although Because As Than Then There Here This That
			These Those It Its It's It’s He She They We I You His Her Him Their Them Our Us My Your
			Not No Yes All Any Each Every Both Either Neither Some Many Much Most More Less Few Several
			Other Another Such Same One Two Three Four Five Six Seven Eight Nine Ten First Second Third Last
			Next New Old Big Small Now Today Tomorrow Yesterday Earlier Later Recently Meanwhile However
			Still Also Even Only Just Instead Indeed Despite According Shortly Nearly Almost Around
			Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
			July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
			AI A.I. AGI GPU GPUs CPU CPUs TPU IPO IPOs CEO CFO COO CTO CIO CSO CMO SVP EVP VP LLM LLMs API APIs
			Q1 Q2 Q3 Q4 H1 H2 FY OK TV PC PCs Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Sir Dame Lord
			Shares Investors Analysts Sources Officials Executives Customers Users People Critics Employees
			Chief Executive President Chairman Chairwoman Chair Founder Co-founder Cofounder Director Head
			Senior Vice General Managing Partner Principal Officer Minister Secretary Governor Senator
			Series Round Seed Deal Deals Update Updated Read Related Breaking Exclusive Analysis Opinion
			Data Cloud Compute Capital Labs Systems Technologies Robotics Group Holdings Bank Fund Ventures
			Internet Web Online Tech Technology Silicon Valley Wall Street Street
			Should Could Would Will Can May Might Must Did Does Do Is Are Was Were Be Been Has Have Had
			Let Let's Lets Please Thanks Note Photo Image Source Sources Credit None Nothing Nobody Everyone
			Everybody Someone Somebody Anyone Plus Separately Elsewhere Overall Again Together Already`),
		places: newWordSet(`US U.S. USA U.S.A. UK U.K. EU E.U. UAE America Americas American Americans Europe European
			Asia Asian Africa African China Chinese Japan Japanese India Indian Korea Korean Taiwan Taiwanese
			Germany German France French Britain British England English Spain Spanish Italy Italian Canada
			Canadian Mexico Brazil Australia Australian Russia Russian Israel Israeli Ireland Irish Netherlands
			Dutch Sweden Swedish Norway Norwegian Finland Finnish Denmark Danish Switzerland Swiss Singapore
			Saudi Arabia Qatar Dubai Abu Dhabi Emirates Texas California Washington Oregon Arizona Ohio
			Nevada Iowa Utah Wyoming London Paris Berlin Tokyo Beijing Shanghai Shenzhen Seoul Taipei
			Mumbai Bangalore Bengaluru Delhi Toronto Montreal Vancouver Zurich Amsterdam Stockholm Dublin
			Munich Madrid Lisbon Rome Brussels Geneva Oslo Helsinki Copenhagen Warsaw Seattle Boston
			Atlanta San York NYC Manhattan Brooklyn Palo Alto
			Menlo Park Mountain View Redmond Cupertino Santa Clara Sunnyvale Northern Southern Western Eastern
			North South East West Middle Gulf Pacific Atlantic Nordic Latin Arctic Bay Area Kingdom States United
			Portugal Portuguese Poland Polish Austria Austrian Belgium Belgian Greece Greek Turkey Turkish Egypt
			Nigeria Nigerian Kenya Kenyan Ghana Morocco Argentina Chile Chilean Colombia Peru Vietnam Vietnamese
			Thailand Thai Malaysia Malaysian Indonesia Indonesian Philippines Pakistan Bangladesh Ukraine Ukrainian
			Czech Hungary Romania Scotland Scottish Wales Welsh Estonia Latvia Lithuania Iceland Luxembourg
			Rotterdam Manchester Birmingham Edinburgh Glasgow Leeds Bristol Cambridge Oxford Frankfurt Hamburg
			Cologne Stuttgart Vienna Prague Budapest Barcelona Valencia Porto Marseille Lyon Antwerp Gothenburg
			Malmo Tallinn Riga Athens Istanbul Cairo Lagos Nairobi Johannesburg Cape Town Riyadh Doha Jakarta
			Bangkok Hanoi Manila Osaka Kyoto Busan Hsinchu Shenzhen Hangzhou Chengdu Melbourne Brisbane
			Auckland Ottawa Calgary Quebec Bogota Miami Pittsburgh Detroit Portland
			Sacramento Tennessee Kentucky Massachusetts Michigan Pennsylvania Illinois
			Colorado Minnesota Wisconsin Missouri Louisiana Alabama Oklahoma Kansas Nebraska Montana Idaho
			Alaska Hawaii Maine Vermont Connecticut Delaware Maryland Europe's Asia-Pacific APAC EMEA
			Suzhou Wuhan Nanjing Tianjin Chongqing Guangzhou Dongguan Qingdao Xiamen Kano Lagos Accra Abuja
			Dakar Kigali Trondheim Bergen Stavanger Uppsala Lund Aarhus Odense Espoo Tampere Dresden Leipzig
			Bremen Hanover Nuremberg Bonn Essen Dortmund Dusseldorf Düsseldorf Malmö Gdansk Krakow Wroclaw
			Poznan Brno Bratislava Ljubljana Zagreb Belgrade Bucharest Kyiv Lviv Minsk Vilnius Christchurch
			Adelaide Canberra Hobart Yokohama Nagoya Sapporo Fukuoka Kobe Incheon Daegu Daejeon Taichung
			Tainan Kaohsiung Hyderabad Chennai Pune Kolkata Ahmedabad Karachi Lahore Dhaka Colombo Kathmandu
			Tashkent Almaty Baku Tbilisi Yerevan Tehran Baghdad Amman Beirut Jeddah Muscat Manama Kuwait
			Casablanca Tunis Algiers Luanda Maputo Harare Lusaka Durban Pretoria Montevideo Quito Caracas
			Havana Panama Guadalajara Monterrey Tijuana Auckland Wellington Gulf Nordics Scandinavia
			Balkans Baltic Baltics Caribbean Africa's Asia's OSAKA TOKYO LONDON PARIS BERLIN BEIJING SEOUL
			SINGAPORE OSLO STOCKHOLM FRANKFURT ZURICH DUBAI MUMBAI SYDNEY TORONTO SHANGHAI`),
		roles: newWordSet(`chief executive officer president chairman chairwoman chair founder co-founder cofounder
			director head partner principal analyst economist spokesperson spokesman spokeswoman
			CEO CFO COO CTO CIO CSO CMO SVP EVP VP Chief Executive Officer President Chairman Chairwoman Founder
			Co-founder Director Head Partner Analyst Managing General Senior Vice
			minister secretary governor senator professor researcher scientist engineer manager lead
			investor banker lawyer attorney boss leader owner`),
		orgWords: newWordSet(`Robotics Robot Robots Labs Lab Laboratories Systems Technologies Technology Tech
			Networks Network Cloud Compute Computing Capital Ventures Partners Semiconductor Semiconductors
			Motors Energy Bank Banks Group Holdings Financial Finance Data Dynamics Analytics Software Security
			Health Therapeutics Media Industries Foundry Devices Microsystems Intelligence Research Studios
			Studio Fund Funds Investments Investment Management Asset Assets Securities Telecom Communications
			Electronics Instruments Solutions Logistics Platforms Interactive Games Pharma Bio Biosciences
			AI Inc Inc. Corp Corp. Corporation Co. Ltd Ltd. LLC Plc PLC AG SA SE NV GmbH Company Companies
			Partnership Associates Advisors Advisers Trust Exchange Markets Airlines Automotive Aerospace
			Chips Chip Silicon Quantum Photonics Optics Power Grid Infrastructure Digital Cyber Vision Minds
			Machines Mobility Services Works Forge Foundation Institute University Bio Genomics Sciences
			Hospital Hospitals Clinic Clinics Healthcare Care Trust Trusts Council Electric Motors Thermal
			Metro Transit Airways Rail Railways Shipping Freight Insurance Assurance Press News Publishing
			Broadcasting Pharmaceuticals Materials Mining Resources Petroleum Oil Gas Steel Chemicals Foods`),
		firstNames: newWordSet(`Aaron Adam Adrian Ahmed Aidan Aiko Alan Albert Alejandro Alex Alexander Alexandra Alexandr
			Ali Alice Alicia Alison Amanda Amara Amelia Amit Amy Ana Anders Andrea Andreas Andrew Andy Angela
			Anil Anita Ann Anna Anne Anthony Antonio Anya Arjun Arthur Asha Ashley Ava Ayesha Barbara Ben
			Benjamin Bill Bob Brad Brian Bruce Camille Carl Carla Carlos Carmen Caroline Catherine Charles
			Charlotte Chen Chloe Chris Christian Christina Christine Christopher Claire Clara Colin Craig Dan
			Daniel Daniela Dario David Deborah Deepak Demis Dennis Diana Diego Dmitri Dominic Donald Dylan
			Edward Elena Eli Elias Elizabeth Ella Ellen Elon Emily Emma Eric Erik Ethan Eva Fatima Felix Fernando
			Fiona Francesca Francis Frank Gabriel Gary George Gina Grace Greg Gregory Hana Hannah Hans Harry
			Helen Henry Hiroshi Hugo Ian Ibrahim Ilya Ines Ingrid Irene Isaac Isabel Isabella Ivan Jack Jacob
			James Jamie Jan Jane Janet Jason Javier Jean Jeff Jeffrey Jennifer Jensen Jessica Jiang Jin Joan
			Joanna Joe John Jonathan Jordan Jorge Jose José Joseph Joshua Juan Julia Julian Julie Jun Karen
			Karim Kate Katherine Kathryn Kavita Kenji Kevin Kim Kofi Kwame Lars Laura Lauren Leah Lei Lena
			Leo Leon Li Liam Lin Linda Lisa Liu Lucas Lucia Luis Luke Maria Marco Margaret Maria Marie Mark
			Marta Martin Mary Masayoshi Matt Matthew Max Maya Mei Melissa Mia Michael Michelle Miguel Mike
			Min Mira Mohamed Mohammed Muhammad Nadia Naomi Natalie Nathan Neil Nicholas Nick Nicole Nikhil
			Nina Noah Noor Olga Oliver Olivia Omar Oscar Pablo Pamela Patricia Patrick Paul Paula Pedro Peter
			Philip Pierre Pooja Priya Rachel Rahul Raj Rajesh Ravi Rebecca Richard Rita Robert Roberto Rohan
			Ronald Rosa Ruth Ryan Sam Samantha Samuel Sandra Sanjay Sara Sarah Satya Scott Sean Sebastian
			Sergei Sergey Shira Simon Sofia Sophia Sophie Stefan Stephanie Stephen Steve Steven Sun Sundar
			Susan Suresh Takeshi Tanya Tara Teresa Thomas Tim Timothy Tobias Tom Tomas Tony Valentina Vanessa
			Victor Victoria Vikram Vincent Wei William Xavier Yan Yang Yasmin Yuki Yusuf Zara Zhang Zoe
			Ada Ade Adaeze Akira Amaka Ama Arash Aurelia Beatriz Bogdan Chidi Chioma Cyrus Dara Darius Eamon
			Elif Emeka Farah Freya Greta Hamid Hector Imani Ines Ingrid Jasper Joaquin Kai Kamala Keiko Kenta
			Leila Lorenzo Lucien Magnus Malik Mateo Mina Nadine Nia Niamh Niko Nils Noel Obi Orla Otto Ravi
			Reza Rosa Rui Sana Saoirse Selin Soren Sven Tariq Thea Theo Tomas Uma Vera Viktor Wren Yara Yusuf
			Zainab Zane Hugo Ines Mariam Helena Rafael Lucía Lucia Tomasz Kerstin Sunita Jo Kwame Renata
			Andrés Andres Sofía Martín Joaquín Marta Mateus João Joao Luís Inês Zoë Chloé Renée René André Björn
			Søren Jürgen Jörg Ana Agnieszka Katarzyna Piotr Krzysztof Wojciech Marek Pavel Petr Jakub Ondřej Lukas
			Matteo Giulia Francesco Alessandro Chiara Giorgio Luca Paolo Stefano Elif Emre Mehmet Ayşe Can Deniz
			Hiro Haruto Yuto Sakura Ren Daiki Kenji Kaito Yui Rin Jia Xin Hui Ming Hao Yong Jun Seo Ji Ha-eun
			Priyanka Anjali Rohit Vikas Kunal Meera Divya Arun Karthik Vijay Lakshmi Tunde Ngozi Femi Amina
			Olu Chinedu Yaw Abena Kojo Efua Wanjiru Njeri Otieno Thandiwe Sipho Aylin Leyla Dina Hadi Rami
			Layla Omar Yousef Karim Nour Salma Farid Idris Bilal Imran Faisal Rania Hala Iman Tamar Noa Yael
			Avi Eitan Gideon Ilan Liora Brigitte Margot Anouk Sanne Femke Daan Bram Joris Ruben Sander Pieter
			Aoife Ciara Siobhan Declan Cormac Eoin Padraig Mairead Callum Fraser Hamish Isla Morag Angus Rhys
			Gareth Dafydd Owain Cerys Megan Bethan Trevor Nigel Clive Graham Malcolm Duncan Colin Harvey Wendy
			Gloria Doris Nancy Betty Dorothy Carol Sharon Deborah Cynthia Kathleen Heather Diane Joyce Evelyn
			Marcus Felipe Rodrigo Ricardo Eduardo Gustavo Leonardo Bruno Tiago Vitor Caio Nathalie Delphine
			Amélie Élodie Mathilde Aurélien Étienne Benoît Théo Olivier Yannick Cédric Emil Johan Henrik Mikael
			Astrid Sigrid Liv Ingrid Solveig Kari Elin Maja Freja Ida Linnea Oskar Axel Elsa Alva Ebba
			Paulo Sigrún Gudrun Guðrún Jón Einar Aroha Nnamdi Chiamaka Uchenna Ifeoma Babajide Bartholomew
			Tane Hemi Mere Wen Xiu Zhen Bo Lan Ling Ying Fang Qiang Tao Kwabena Kofi Adwoa Esi Akosua Kwesi
			Abdul Aisha Hassan Hussein Khalid Mustafa Nasser Rashid Samir Tarek Walid Youssef Zaid Leila
			Soraya Shirin Parisa Darius Kian Navid Reza Cyrus Babak Ravi Anand Sunil Ramesh Ganesh Venkat
			Preeti Sneha Shreya Ishaan Aarav Vivaan Ananya Diya Saanvi Myra Kabir Reyansh Arnav Dev Rohan
			Ayumi Haruka Hina Kaori Naoko Yoko Masaki Satoshi Shinji Takumi Tatsuya Yusuke Minh Thanh Linh
			Huong Quang Anh Duc Somchai Siriporn Nattapong Arjun Rangi Manaia Wiremu Tamati Ana-Maria
			Ioana Andrei Mihai Alexandru Bogdan Elena Irina Oksana Olena Taras Dmytro Yulia Natalia Svetlana
			Alexei Nikolai Pavel Vladimir Yuri Boris Anastasia Ekaterina Tatiana Magdalena Zofia Jan Tomás
			Miguel Ángel Sergio Pablo Álvaro Raúl Jorge Adriana Valeria Camila Gabriela Daniela Fernanda
			Mariana Isabela Luana Thiago Matheus Gustavo Enzo Lorenzo Giovanni Federica Alessia Martina
			Sven Nils Erik Lars Anders Henrik Jens Mads Rasmus Mikkel Frederik Sofie Karin Birgit Hanne Thabo Zanele Kiran Neha Arvind Lakshmi Hyun Ji-woo Min-jun Seo-yeon`),
		determiners: newWordSet(`its their his her our my your whose`),
		plurals: newWordSet(`Owners Investors Analysts Regulators Shareholders Executives Sources People Officials
			Critics Lawyers Bankers Employees Workers Customers Users Traders Economists Experts Insiders Rivals
			Competitors Partners Founders Directors Members Unions Buyers Sellers Lenders Borrowers Developers
			Engineers Researchers Scientists Authorities Ministers Lawmakers Politicians Observers Others Staff
			Both Neither Together Details Terms Talks Plans Reports Documents Filings Figures Data Results`),
		products: newWordSet(`chip chips accelerator accelerators model models app apps platform software robot robots
			headset headsets device devices phone phones server servers GPU GPUs processor processors engine
			engines assistant assistants chatbot chatbots service services system systems tool tools product
			products drone drones car cars vehicle vehicles truck trucks satellite satellites line range
			series family brand chipset chipsets cluster clusters supercomputer supercomputers`),
		speech: newWordSet(`said says say saying told tells telling wrote writes writing added adds adding noted notes
			noting explained explains explaining argued argues arguing warned warns warning stated states
			declared declares announced announces insisted insists claimed claims replied replies responded
			responds recalled recalls continued continues asked asks acknowledged acknowledges admitted admits
			conceded concedes cautioned cautions predicted predicts posted posts tweeted commented comments
			observed observes remarked remarks suggested suggests described describes describing emphasised
			emphasized stressed stresses reported reports reporting confirmed confirms according countered
			refuted refutes denied denies maintained maintains quipped joked`),
	}
}

// descriptorHints ties the nouns of descriptions to the words of the
// company names they fit: "the chip designer" fits "Orrery Silicon".
var descriptorHints = map[string][]string{
	"chip":        {"Semiconductor", "Semiconductors", "Silicon", "Chips", "Chip", "Micro", "Microsystems", "Devices"},
	"chipmaker":   {"Semiconductor", "Semiconductors", "Silicon", "Chips", "Chip", "Micro", "Microsystems", "Devices"},
	"hyperscaler": {"Cloud", "Compute", "Computing", "Data"},
	"cloud":       {"Cloud", "Compute", "Computing", "Data"},
	"robot":       {"Robotics", "Robot", "Robots", "Automation", "Machines"},
	"robotics":    {"Robotics", "Robot", "Robots", "Automation", "Machines"},
	"lab":         {"Labs", "Lab", "AI", "Intelligence", "Research"},
	"ai":          {"AI", "Labs", "Intelligence", "Minds"},
	"bank":        {"Bank", "Capital", "Financial", "Finance"},
	"lender":      {"Bank", "Capital", "Financial", "Finance", "Credit"},
	"investor":    {"Capital", "Ventures", "Partners", "Fund", "Investments", "Holdings"},
	"backer":      {"Capital", "Ventures", "Partners", "Fund", "Investments", "Holdings"},
	"fund":        {"Capital", "Ventures", "Partners", "Fund", "Investments"},
	"publisher":   {"Media", "Press", "News", "Publishing"},
	"carrier":     {"Freight", "Logistics", "Airlines", "Shipping", "Telecom"},
	"operator":    {"Metro", "Transit", "Rail", "Railways", "Telecom", "Networks", "Airlines", "Power", "Grid", "Centres", "Centers"},
	"insurer":     {"Insurance", "Assurance"},
	"network":     {"Networks", "Network", "Telecom", "Communications"},
	"energy":      {"Energy", "Power", "Grid", "Solar"},
	"generator":   {"Energy", "Power", "Grid", "Solar", "Hydro"},
	"hydro":       {"Energy", "Power", "Grid", "Hydro"},
	"power":       {"Energy", "Power", "Grid", "Solar"},
	"utility":     {"Energy", "Power", "Grid", "Water"},
}

// describes reports whether a description ("the chip designer") fits a
// company's name ("Orrery Silicon").
func (l *lexicon) describes(desc, name string) bool {
	words := strings.Fields(name)
	for _, w := range strings.Fields(strings.ToLower(desc)) {
		if len(w) >= 4 && w != "company" && w != "group" && w != "firm" {
			// "the hospital group" fits "St Oswin's Hospitals Group".
			for _, nw := range words {
				if lw := strings.ToLower(nw); len(lw) >= 4 && (strings.HasPrefix(lw, w) || strings.HasPrefix(w, lw)) {
					return true
				}
			}
		}
		for _, hint := range descriptorHints[w] {
			for _, nw := range words {
				if nw == hint {
					return true
				}
			}
		}
	}
	return false
}

// multiPlaces are places of more than one word, some of whose words are
// names on their own ("San Francisco", "São Paulo").
var multiPlaces = map[string]bool{
	"San Francisco": true, "New York": true, "Sao Paulo": true, "São Paulo": true, "Los Angeles": true,
	"Hong Kong": true, "Abu Dhabi": true, "Palo Alto": true, "Menlo Park": true, "Mountain View": true,
	"Santa Clara": true, "Silicon Valley": true, "South Korea": true, "North America": true, "Saudi Arabia": true,
	"United States": true, "United Kingdom": true, "Cape Town": true, "Tel Aviv": true, "Buenos Aires": true,
	"Kuala Lumpur": true, "New Delhi": true, "Las Vegas": true, "Salt Lake City": true, "New Jersey": true,
	"North Carolina": true, "South Carolina": true, "West Virginia": true, "Costa Rica": true, "San Jose": true,
	"San Diego": true, "Rio de Janeiro": true, "Mexico City": true, "New Zealand": true, "South Africa": true,
	"Latin America": true, "Middle East": true, "Wall Street": true, "Bay Area": true,
}

// placeAt returns how many tokens at the start of run make a place of
// several words, or 0.
func (l *lexicon) placeAt(toks []token, run []int) int {
	for n := min(3, len(run)); n >= 2; n-- {
		words := make([]string, n)
		for i := range n {
			words[i] = toks[run[i]].text
		}
		if multiPlaces[strings.Join(words, " ")] {
			return n
		}
	}
	return 0
}

// institutionWords end the names of courts, regulators and governments,
// which rule on deals but are not parties to them.
var institutionWords = map[string]bool{
	"Court": true, "Commission": true, "Authority": true, "Regulator": true, "Parliament": true, "Congress": true,
	"Senate": true, "Government": true, "Ministry": true, "Department": true, "Tribunal": true, "Agency": true,
}

// institution reports whether a name is a court's, regulator's or
// government's.
func (l *lexicon) institution(name string) bool {
	return institutionWords[lastField(name)]
}
