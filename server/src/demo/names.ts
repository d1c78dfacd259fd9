// Names for demo and benchmark people, reflecting a diverse modern English primary
// school: mostly names common in England and Wales for children born 2015–2022, with
// the families of South Asian, African, Caribbean, Eastern and Southern European,
// Middle Eastern and East Asian heritage that a typical town or city school has.
// Parents and grandparents get names of their own generation. All names are drawn at
// random: any resemblance to a real person is chance.

export interface NameOrigin {
  key: string;
  /** Share of families, out of the sum of all weights. */
  weight: number;
  girls: readonly string[];
  boys: readonly string[];
  /** Parents' generation (born about 1978–1998). */
  women: readonly string[];
  men: readonly string[];
  /** Grandparents' generation; the parents' list when not given. */
  olderWomen?: readonly string[];
  olderMen?: readonly string[];
  surnames: readonly string[];
  /** Surnames that take a feminine form (Polish -ski → -ska, -cki → -cka). */
  genderedSurnames?: boolean;
  /** How often a mother has a surname other than the children's. */
  mothersOwnSurname: number;
  /** Surnames mothers of this heritage often have in their own right (e.g. Begum). */
  mothersSurnames?: readonly string[];
}

// biome-ignore format: name lists read better packed
const ENGLISH: NameOrigin = {
  key: "english",
  weight: 56,
  girls: [
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace",
    "Willow", "Freya", "Florence", "Emily", "Ella", "Poppy", "Evie", "Elsie", "Charlotte", "Evelyn",
    "Sienna", "Daisy", "Phoebe", "Sophie", "Alice", "Harper", "Matilda", "Ruby", "Emilia", "Maya",
    "Millie", "Isabelle", "Eva", "Luna", "Jessica", "Esme", "Arabella", "Chloe", "Layla", "Ellie",
    "Thea", "Eliza", "Aurora", "Hallie", "Erin", "Scarlett", "Penelope", "Imogen", "Harriet",
    "Lottie", "Bonnie", "Mabel", "Nancy", "Lucy", "Violet", "Georgia", "Holly", "Molly", "Hannah",
    "Lola", "Darcie", "Bella", "Megan", "Amber", "Maisie", "Orla", "Niamh", "Aoife", "Heidi", "Ada",
    "Iris", "Edith", "Robyn", "Maddison", "Summer", "Sadie", "Lyla", "Ayla", "Beatrice", "Clara",
    "Eleanor", "Jasmine", "Nell", "Ottilie", "Rose", "Annabelle", "Elodie", "Gracie", "Hope",
    "Lacey", "Leah", "Lexi", "Martha", "Naomi", "Paige", "Pippa", "Skye", "Tilly", "Emma",
    "Abigail", "Anna", "Lara", "Olive", "Margot", "Maeve", "Elizabeth", "Katie", "Zara", "Mollie",
    "Ruby-Mae", "Ella-Rose", "Bethany", "Caitlin", "Libby", "Peggy", "Quinn",
  ],
  boys: [
    "Oliver", "George", "Arthur", "Noah", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theodore",
    "Freddie", "Jack", "Charlie", "Theo", "Alfie", "Jacob", "Thomas", "Finley", "Arlo", "William",
    "Lucas", "Roman", "Tommy", "Isaac", "Teddy", "Edward", "Adam", "Ethan", "Joshua", "Albie",
    "Reggie", "Jude", "Max", "Hugo", "Louie", "Harrison", "Elijah", "Mason", "Joseph", "Sonny",
    "Rory", "Toby", "Ronnie", "Benjamin", "Samuel", "Daniel", "Dylan", "Logan", "Jenson", "Riley",
    "Reuben", "Frankie", "Stanley", "Finn", "Jaxon", "Alexander", "James", "Sebastian", "Ezra",
    "Rowan", "Ralph", "Felix", "Caleb", "Gabriel", "Harvey", "Liam", "Louis", "Matthew", "Nathan",
    "Ollie", "Otis", "Owen", "Patrick", "Rupert", "Ryan", "Tyler", "Zachary", "Aiden", "Bobby",
    "Callum", "Connor", "Cooper", "Dexter", "Eli", "Elliot", "Ellis", "Evan", "Kai", "Kian",
    "Lewis", "Luca", "Luke", "Michael", "Miles", "Nathaniel", "Oakley", "Rhys", "Seth", "Sam",
    "Spencer", "Cian", "Oisín", "Darragh", "Ciarán", "Alfred", "Albert", "Billy", "Jesse", "Tobias",
    "Wilfred", "Austin", "Carter", "Jamie", "Kit", "Hunter", "Blake",
  ],
  women: [
    "Sarah", "Emma", "Laura", "Gemma", "Rebecca", "Rachel", "Hannah", "Amy", "Charlotte", "Jessica",
    "Katie", "Stacey", "Danielle", "Kelly", "Lisa", "Claire", "Nicola", "Samantha", "Jade",
    "Kirsty", "Lauren", "Natalie", "Victoria", "Zoe", "Jennifer", "Amanda", "Michelle", "Leanne",
    "Hayley", "Sophie", "Emily", "Chloe", "Holly", "Joanna", "Lucy", "Helen", "Kerry", "Louise",
    "Stephanie", "Catherine", "Siobhan", "Ciara", "Becky", "Abbie", "Jodie", "Carly", "Kayleigh",
    "Rosie", "Alice", "Megan",
  ],
  men: [
    "James", "David", "Daniel", "Matthew", "Christopher", "Michael", "Mark", "Paul", "Andrew",
    "Lee", "Craig", "Ryan", "Adam", "Ben", "Thomas", "Jamie", "Luke", "Liam", "Simon", "Richard",
    "Stuart", "Steven", "Scott", "Jonathan", "Robert", "Anthony", "Gareth", "Dean", "Carl", "Kevin",
    "Nathan", "Joe", "Sam", "Aaron", "Jason", "Neil", "Peter", "Phil", "Alex", "Tom", "Sean",
    "Declan", "Ross", "Gavin", "Martin", "Chris",
  ],
  olderWomen: [
    "Susan", "Linda", "Patricia", "Julie", "Karen", "Janet", "Christine", "Carol", "Jacqueline",
    "Angela", "Tracey", "Deborah", "Elaine", "Diane", "Alison", "Sandra", "Jean", "Pauline",
    "Gillian", "Wendy", "Denise", "Lynn", "Maureen", "Sharon", "Jane", "Margaret", "Anne", "Lesley",
    "Joanne", "Debbie",
  ],
  olderMen: [
    "John", "Peter", "Stephen", "Gary", "Keith", "Ian", "Alan", "Brian", "Colin", "Graham", "Kevin",
    "Martin", "Nigel", "Roger", "Trevor", "Terry", "Barry", "Derek", "Dennis", "Ray", "Tony",
    "Philip", "Malcolm", "Geoff", "Clive", "Kenneth", "David", "Michael",
  ],
  surnames: [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
    "Clarke", "Clark", "Hughes", "Turner", "Hill", "Edwards", "Harris", "Lewis", "Cooper",
    "Harrison", "Ward", "Martin", "Davis", "Baker", "Morris", "Moore", "King", "Allen", "Parker",
    "Young", "Carter", "Mitchell", "Watson", "Phillips", "Shaw", "Chapman", "Lee", "Bennett",
    "Cook", "Bell", "Griffiths", "Richardson", "Kelly", "Marshall", "Simpson", "Cox", "Ellis",
    "Stevens", "Jenkins", "Collins", "Hunt", "Knight", "Palmer", "Mason", "Russell", "Holmes",
    "Lloyd", "Webb", "Wells", "Fox", "Barnes", "Gibson", "Rogers", "Grant", "Stewart", "Murphy",
    "Graham", "Reid", "Murray", "Foster", "Owen", "Dixon", "Butler", "Fletcher", "Hayes", "Pearson",
    "Matthews", "Holland", "Lawrence", "Dawson", "Pritchard", "Whitehead", "Atkinson", "Barker",
    "Bailey", "Burton", "Chambers", "Cole", "Day", "Doyle", "Farrell", "Fitzgerald", "Gallagher",
    "Gardner", "Gill", "Hart", "Hawkins", "Henderson", "Howard", "Hudson", "Kennedy", "Lambert",
    "Lane", "Long", "McCarthy", "McDonald", "Mills", "Morgan", "Newman", "Nicholson", "O'Brien",
    "O'Connor", "O'Neill", "Page", "Payne", "Pickering", "Porter", "Quinn", "Rees", "Reynolds",
    "Riley", "Ryan", "Saunders", "Sharp", "Stone", "Sullivan", "Sutton", "Walsh", "Warren", "Watts",
    "Webster", "West", "Wheeler", "Whittaker", "Wilkinson", "Woodward", "Yates", "Ashworth",
    "Brennan", "Buckley", "Crossley", "Kershaw", "Lockwood", "Pennington", "Thornton",
  ],
  mothersOwnSurname: 0.15,
};

// biome-ignore format: name lists read better packed
const SOUTH_ASIAN_MUSLIM: NameOrigin = {
  key: "south-asian-muslim",
  weight: 8,
  girls: [
    "Aisha", "Ayesha", "Fatima", "Maryam", "Zainab", "Hafsa", "Khadija", "Inaya", "Anaya", "Alisha",
    "Aleena", "Amira", "Eshal", "Hania", "Hoorain", "Iqra", "Manahil", "Mehreen", "Mariam", "Noor",
    "Rabia", "Safa", "Sana", "Sumaya", "Tasnim", "Umaima", "Zoya", "Nusaybah", "Raisa", "Sadia",
    "Humaira", "Ruqayyah", "Anabia", "Haniya", "Mahnoor", "Zahra", "Liyana", "Sofia",
  ],
  boys: [
    "Muhammad", "Mohammed", "Ibrahim", "Yusuf", "Musa", "Ayaan", "Zayn", "Rayyan", "Hamza",
    "Ismail", "Idris", "Zakariya", "Ali", "Hassan", "Hussain", "Umar", "Bilal", "Abdullah",
    "Haroon", "Zain", "Aayan", "Arham", "Ehsan", "Faris", "Hadi", "Junaid", "Mikail", "Rehan",
    "Saad", "Sami", "Tahmid", "Usman", "Zubair", "Eesa", "Ahmed", "Aryan", "Shayan",
  ],
  women: [
    "Nadia", "Shabana", "Farzana", "Samina", "Rubina", "Nazia", "Shazia", "Sadia", "Ayesha",
    "Fatima", "Yasmin", "Saima", "Asma", "Rukhsana", "Tahira", "Noreen", "Sumaira", "Rahima",
    "Shirin", "Nasreen", "Sabrina", "Salma", "Hina", "Amina",
  ],
  men: [
    "Mohammed", "Muhammad", "Imran", "Asif", "Tariq", "Faisal", "Kamran", "Adnan", "Shahid",
    "Zahid", "Arif", "Naveed", "Sajid", "Amjad", "Khalid", "Waqas", "Abdul", "Rizwan", "Nadeem",
    "Shafiq", "Mohammad", "Jamal", "Aftab", "Rashid",
  ],
  surnames: [
    "Khan", "Ahmed", "Ali", "Hussain", "Iqbal", "Mahmood", "Rahman", "Uddin", "Islam", "Miah",
    "Chowdhury", "Hossain", "Malik", "Rashid", "Shah", "Butt", "Akram", "Aslam", "Javed", "Nawaz",
    "Qureshi", "Raza", "Riaz", "Sadiq", "Siddiqui", "Sheikh", "Anwar", "Bashir", "Hamid", "Kabir",
    "Karim", "Latif", "Zaman", "Haque", "Ahmad", "Mirza", "Chaudhry",
  ],
  mothersOwnSurname: 0.45,
  mothersSurnames: ["Begum", "Bibi", "Akhtar", "Khatun", "Kausar", "Parveen"],
};

// biome-ignore format: name lists read better packed
const INDIAN: NameOrigin = {
  key: "indian",
  weight: 5,
  girls: [
    "Priya", "Aanya", "Diya", "Ishani", "Kavya", "Meera", "Navya", "Riya", "Saanvi", "Sia", "Tara",
    "Anika", "Avni", "Ishita", "Jiya", "Kiran", "Mahi", "Nisha", "Simran", "Harleen", "Jasleen",
    "Gurleen", "Amrit", "Anvi", "Myra", "Aadhya", "Shreya", "Trisha", "Prisha", "Kiara", "Arya",
    "Asha",
  ],
  boys: [
    "Arjun", "Aarav", "Vihaan", "Reyansh", "Krish", "Rohan", "Dev", "Ishaan", "Kabir", "Veer",
    "Advik", "Shiv", "Neel", "Om", "Rudra", "Yuvraj", "Harjot", "Gurveer", "Jaskaran", "Arman",
    "Karan", "Nikhil", "Aditya", "Ansh", "Jai", "Manveer", "Rishi", "Sai", "Tej", "Vivaan",
    "Atharv", "Harvir",
  ],
  women: [
    "Priya", "Pooja", "Neha", "Anjali", "Sunita", "Kavita", "Deepa", "Meena", "Rupinder",
    "Manpreet", "Harpreet", "Jaspreet", "Nisha", "Seema", "Rekha", "Shilpa", "Divya", "Hema",
    "Lakshmi", "Shreya", "Bhavna", "Komal",
  ],
  men: [
    "Raj", "Rajesh", "Sanjay", "Amit", "Vikram", "Rahul", "Sunil", "Manoj", "Harjit", "Gurpreet",
    "Jasbir", "Kuldeep", "Ravi", "Anil", "Deepak", "Vijay", "Nitin", "Sandeep", "Hitesh", "Ketan",
    "Suresh", "Arun",
  ],
  surnames: [
    "Patel", "Sharma", "Singh", "Sandhu", "Gill", "Dhillon", "Sidhu", "Bains", "Grewal", "Johal",
    "Kang", "Sahota", "Virdi", "Shah", "Mistry", "Parmar", "Solanki", "Chauhan", "Desai", "Joshi",
    "Pandya", "Thakkar", "Gupta", "Kumar", "Verma", "Mehta", "Kapoor", "Malhotra", "Chopra",
    "Bhatt", "Nair", "Pillai", "Menon", "Iyer", "Reddy", "Rao", "Krishnan", "Subramanian",
  ],
  mothersOwnSurname: 0.15,
  mothersSurnames: ["Kaur"],
};

// biome-ignore format: name lists read better packed
const WEST_AFRICAN: NameOrigin = {
  key: "west-african",
  weight: 6,
  girls: [
    "Chidera", "Chiamaka", "Adaeze", "Ifeoma", "Temitope", "Ayomide", "Eniola", "Tolani", "Folake",
    "Ama", "Akosua", "Abena", "Efua", "Adwoa", "Favour", "Precious", "Blessing", "Esther",
    "Oluwadamilola", "Zion", "Amarachi", "Ebunoluwa", "Jomiloju", "Kemi", "Nneka", "Osinachi",
    "Somto", "Tiwa", "Anuoluwapo", "Deborah",
  ],
  boys: [
    "Chidi", "Chukwuemeka", "Obinna", "Tobenna", "Oluwaseun", "Oluwatobi", "Ayodeji", "Olamide",
    "Femi", "Tunde", "Kayode", "Kwame", "Kofi", "Kwabena", "Kojo", "Yaw", "Emmanuel", "Victor",
    "Somtochukwu", "Ifeanyi", "Jesutofunmi", "Daniel", "David", "Joshua", "Nathaniel", "Ebuka",
    "Kelechi", "Nnamdi", "Uchenna", "Adebayo",
  ],
  women: [
    "Folasade", "Funmilayo", "Ngozi", "Chioma", "Adaeze", "Nkechi", "Bukola", "Yetunde", "Abimbola",
    "Comfort", "Grace", "Blessing", "Esther", "Ruth", "Akosua", "Abena", "Efua", "Patience", "Joy",
    "Funke", "Adwoa", "Titilayo",
  ],
  men: [
    "Oluwaseun", "Chinedu", "Emeka", "Obinna", "Babatunde", "Olumide", "Adebayo", "Segun", "Kunle",
    "Kwame", "Kofi", "Kwabena", "Samuel", "Emmanuel", "Daniel", "Godfrey", "Ifeanyi", "Tunde",
    "Femi", "Kayode", "Yaw", "Kojo",
  ],
  surnames: [
    "Okafor", "Okeke", "Okonkwo", "Nwosu", "Eze", "Obi", "Adeyemi", "Adebayo", "Ogunleye",
    "Oladipo", "Olawale", "Balogun", "Afolabi", "Bello", "Mensah", "Boateng", "Asante", "Owusu",
    "Osei", "Addo", "Appiah", "Agyeman", "Danso", "Ansah", "Adjei", "Nwachukwu", "Chukwu", "Ibe",
    "Anyanwu", "Akinola", "Ojo", "Adewale", "Oyelaran", "Ogundipe", "Amoah", "Nnadi",
  ],
  mothersOwnSurname: 0.1,
};

// biome-ignore format: name lists read better packed
const SOMALI: NameOrigin = {
  key: "somali",
  weight: 1.5,
  girls: [
    "Hodan", "Ayan", "Sagal", "Hamdi", "Ifrah", "Nimco", "Fardowsa", "Hibo", "Ubah", "Sahra",
    "Ikran", "Najma", "Ladan", "Asma", "Hanan", "Sumaya", "Ayaan",
  ],
  boys: [
    "Abdi", "Abdirahman", "Mustafa", "Liban", "Guled", "Ayanle", "Abdullahi", "Khalid", "Zakariye",
    "Mahad", "Mohamed", "Yahye", "Ilyas", "Sharmarke", "Bashir", "Hamse",
  ],
  women: [
    "Hodan", "Faduma", "Amina", "Khadra", "Sahra", "Halima", "Nasra", "Ifrah", "Deeqa", "Asha",
    "Hibo", "Ubah", "Maryan", "Safiya", "Naima",
  ],
  men: [
    "Abdi", "Abdirahman", "Mohamed", "Ahmed", "Hassan", "Abdullahi", "Ali", "Omar", "Yusuf",
    "Mahad", "Liban", "Said", "Ismail", "Farah", "Hussein",
  ],
  surnames: [
    "Abdi", "Hassan", "Mohamed", "Farah", "Osman", "Warsame", "Omar", "Jama", "Yusuf", "Abdullahi",
    "Ismail", "Hussein", "Nur", "Aden", "Egal", "Duale", "Hersi", "Elmi",
  ],
  // Somali women keep their own (father's) names.
  mothersOwnSurname: 0.9,
};

// biome-ignore format: name lists read better packed
const CARIBBEAN: NameOrigin = {
  key: "caribbean",
  weight: 3,
  girls: [
    "Nia", "Kayla", "Aaliyah", "Amara", "Imani", "Jada", "Keira", "Tiana", "Zuri", "Serena",
    "Destiny", "Malaika", "Sasha", "Kamara", "Aliyah", "Nevaeh", "Jayda", "Kaliyah", "Shiloh",
    "Talia",
  ],
  boys: [
    "Malachi", "Tyrese", "Jayden", "Josiah", "Kairo", "Kyrie", "Isaiah", "Marley", "Tristan",
    "Kemar", "Jahmari", "Micah", "Zion", "Joel", "Ezekiel", "Marcus", "Jaylen", "Kenzo", "Tyreece",
    "Amari",
  ],
  women: [
    "Marcia", "Sharon", "Donna", "Paulette", "Natasha", "Shanice", "Simone", "Tanya", "Keisha",
    "Tameka", "Janelle", "Charmaine", "Claudette", "Beverley", "Sonia", "Jodie-Ann",
  ],
  men: [
    "Delroy", "Winston", "Marcus", "Andre", "Leon", "Dwayne", "Errol", "Clive", "Lloyd", "Carlton",
    "Jermaine", "Tyrone", "Marlon", "Trevor", "Kemar", "Nathaniel",
  ],
  surnames: [
    "Campbell", "Francis", "Grant", "Clarke", "Brown", "Williams", "Thompson", "Bailey", "Reid",
    "Gordon", "Henry", "Powell", "Richards", "Samuels", "McKenzie", "Bennett", "Forbes", "Gayle",
    "Barnes", "Douglas", "Walters", "Blake", "Clements", "Ferguson",
  ],
  mothersOwnSurname: 0.35,
};

// biome-ignore format: name lists read better packed
const POLISH: NameOrigin = {
  key: "polish",
  weight: 5,
  girls: [
    "Zofia", "Zuzanna", "Hanna", "Julia", "Maja", "Lena", "Oliwia", "Alicja", "Wiktoria", "Natalia",
    "Nikola", "Pola", "Antonina", "Emilia", "Laura", "Gabriela", "Klara", "Liliana", "Marcelina",
    "Weronika", "Kornelia", "Helena",
  ],
  boys: [
    "Jakub", "Antoni", "Jan", "Szymon", "Filip", "Franciszek", "Aleksander", "Mikołaj", "Wojciech",
    "Kacper", "Igor", "Oskar", "Michał", "Tymon", "Stanisław", "Nikodem", "Ignacy", "Bartosz",
    "Maksymilian", "Tymoteusz", "Dawid", "Wiktor",
  ],
  women: [
    "Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Monika", "Ewa", "Małgorzata",
    "Karolina", "Justyna", "Aleksandra", "Marta", "Dorota", "Paulina", "Natalia", "Sylwia",
  ],
  men: [
    "Piotr", "Tomasz", "Paweł", "Marcin", "Krzysztof", "Michał", "Łukasz", "Adam", "Grzegorz",
    "Mateusz", "Dawid", "Kamil", "Bartosz", "Rafał", "Marek", "Przemysław",
  ],
  surnames: [
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
    "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski", "Michalski",
    "Król", "Wieczorek", "Jabłoński", "Wróbel", "Majewski", "Olszewski", "Stępień", "Malinowski",
    "Jaworski",
  ],
  genderedSurnames: true,
  mothersOwnSurname: 0.1,
};

// biome-ignore format: name lists read better packed
const ROMANIAN: NameOrigin = {
  key: "romanian",
  weight: 3,
  girls: [
    "Ioana", "Maria", "Andreea", "Alexandra", "Bianca", "Daria", "Sofia", "Ana", "Elena", "Denisa",
    "Raluca", "Antonia", "Miruna", "Ilinca", "Rebeca", "Medeea", "Carina",
  ],
  boys: [
    "Andrei", "David", "Luca", "Matei", "Ștefan", "Alexandru", "Darius", "Mihai", "Rareș", "Tudor",
    "Eric", "Sebastian", "Răzvan", "Vlad", "Bogdan", "Denis", "Cristian",
  ],
  women: [
    "Elena", "Ioana", "Maria", "Andreea", "Mihaela", "Alina", "Cristina", "Roxana", "Gabriela",
    "Florentina", "Simona", "Loredana", "Daniela", "Adriana", "Raluca",
  ],
  men: [
    "Ion", "Andrei", "Mihai", "Alexandru", "Florin", "Constantin", "Marius", "Adrian", "Cristian",
    "Gheorghe", "Ionuț", "Bogdan", "Cătălin", "Daniel", "Vasile",
  ],
  surnames: [
    "Popescu", "Ionescu", "Popa", "Radu", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei",
    "Constantin", "Munteanu", "Lungu", "Rusu", "Marin", "Moldovan", "Ciobanu", "Dinu", "Florea",
    "Tudor", "Ilie",
  ],
  mothersOwnSurname: 0.1,
};

// biome-ignore format: name lists read better packed
const UKRAINIAN: NameOrigin = {
  key: "ukrainian",
  weight: 1,
  girls: [
    "Sofiia", "Anastasiia", "Polina", "Kateryna", "Yana", "Veronika", "Mariia", "Solomiia", "Zlata",
    "Vasylyna", "Milana", "Yeva",
  ],
  boys: [
    "Maksym", "Artem", "Oleksandr", "Mykyta", "Bohdan", "Dmytro", "Denys", "Nazar", "Matvii",
    "Tymofii", "Ivan", "Danylo",
  ],
  women: ["Olena", "Iryna", "Tetiana", "Nataliia", "Oksana", "Yuliia", "Svitlana", "Halyna"],
  men: ["Oleksandr", "Andrii", "Serhii", "Volodymyr", "Dmytro", "Mykola", "Yurii", "Taras"],
  surnames: [
    "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko", "Koval",
    "Oliynyk", "Lysenko", "Marchenko", "Savchenko", "Rudenko", "Moroz",
  ],
  mothersOwnSurname: 0.05,
};

// biome-ignore format: name lists read better packed
const MIDDLE_EASTERN: NameOrigin = {
  key: "middle-eastern",
  weight: 4,
  girls: [
    "Elif", "Zeynep", "Defne", "Eylül", "Ela", "Azra", "Lina", "Layla", "Yasmin", "Nour", "Rania",
    "Sara", "Dania", "Jana", "Hala", "Malak", "Shilan", "Rojin", "Berivan", "Mahsa", "Yasna",
    "Ecrin", "Hiba", "Rimas",
  ],
  boys: [
    "Emir", "Ömer", "Kerem", "Eren", "Aras", "Baran", "Kawa", "Rebin", "Karwan", "Ahmad", "Kareem",
    "Omar", "Yousef", "Elias", "Amir", "Reza", "Arman", "Mert", "Yahya", "Zana", "Sina", "Hamza",
  ],
  women: [
    "Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Leyla", "Nesrin", "Gulistan", "Rana", "Huda",
    "Samira", "Mariam", "Zainab", "Farah", "Shirin", "Soraya",
  ],
  men: [
    "Mehmet", "Mustafa", "Ahmet", "Hasan", "Hüseyin", "İbrahim", "Kemal", "Serkan", "Kawa",
    "Rebwar", "Karwan", "Ahmad", "Mahmoud", "Khaled", "Walid", "Reza", "Hamid",
  ],
  surnames: [
    "Yilmaz", "Demir", "Şahin", "Kaya", "Çelik", "Aydin", "Öztürk", "Arslan", "Doğan", "Ahmadi",
    "Hosseini", "Karimi", "Rahimi", "Mohammadi", "Haddad", "Khalil", "Mansour", "Saleh", "Nasser",
    "Hamad", "Rasul", "Aziz", "Amin", "Noori", "Popal", "Taheri",
  ],
  mothersOwnSurname: 0.5,
};

// biome-ignore format: name lists read better packed
const EAST_ASIAN: NameOrigin = {
  key: "east-asian",
  weight: 2.5,
  girls: [
    "Chloe", "Emily", "Grace", "Mia", "Zoe", "Jasmine", "Charlotte", "Hannah", "Yan", "Mei",
    "Isabelle", "Sophie", "Angel", "Kayla", "Althea", "Hoi Ying", "Ching", "Yuki",
  ],
  boys: [
    "Ethan", "Lucas", "Ryan", "Jayden", "Aiden", "Marcus", "Nathan", "Oscar", "Hayden", "Justin",
    "Matthew", "Jacob", "Gabriel", "Aaron", "Ho Yin", "Jun", "Minh", "Hiro",
  ],
  women: [
    "Mei", "Ling", "Yan", "Xin", "Hui", "Fiona", "Jenny", "Vivian", "Cherry", "Winnie", "Joanne",
    "Ivy", "Rachel", "Maria", "Rosalie", "Thu", "Lan",
  ],
  men: [
    "Wei", "Jun", "Ming", "Kelvin", "Kenneth", "Raymond", "Jason", "Eric", "Alan", "Tony", "Wilson",
    "Stanley", "Jose", "Mark", "Paolo", "Minh", "Duc",
  ],
  surnames: [
    "Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Lin", "Wong", "Chan", "Cheung", "Ng", "Lam",
    "Ho", "Tang", "Lau", "Leung", "Yip", "Tsang", "Kwok", "Santos", "Reyes", "Cruz", "Bautista",
    "Nguyen", "Tran", "Pham", "Tanaka",
  ],
  mothersOwnSurname: 0.5,
};

// biome-ignore format: name lists read better packed
const SOUTHERN_EUROPEAN: NameOrigin = {
  key: "southern-european",
  weight: 3,
  girls: [
    "Beatriz", "Leonor", "Matilde", "Inês", "Carolina", "Mariana", "Giulia", "Chiara", "Francesca",
    "Lucía", "Valentina", "Alba", "Martina", "Isabela", "Gabriela", "Manuela", "Bianca", "Aurora",
    "Camila", "Vitória",
  ],
  boys: [
    "João", "Tiago", "Rodrigo", "Duarte", "Afonso", "Tomás", "Lorenzo", "Leonardo", "Matteo",
    "Alessandro", "Pablo", "Mateo", "Diego", "Gustavo", "Enzo", "Rafael", "Miguel", "Santiago",
    "Davi", "Francesco",
  ],
  women: [
    "Ana", "Maria", "Sofia", "Carla", "Joana", "Patrícia", "Sandra", "Giulia", "Francesca", "Elena",
    "Lucia", "Marta", "Raquel", "Inês", "Cláudia", "Fernanda",
  ],
  men: [
    "João", "Pedro", "Nuno", "Ricardo", "Rui", "Paulo", "Marco", "Luca", "Giuseppe", "Alessandro",
    "Javier", "Carlos", "Miguel", "Sergio", "Bruno", "Fábio",
  ],
  surnames: [
    "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa",
    "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Rossi", "Russo", "Ferrari", "Esposito",
    "Romano", "Ricci", "García", "Martínez", "López", "Sánchez", "Moreno", "Correia", "Almeida",
    "D'Souza", "Pinto", "Carvalho",
  ],
  mothersOwnSurname: 0.35,
};

export const NAME_ORIGINS: readonly NameOrigin[] = [
  ENGLISH,
  SOUTH_ASIAN_MUSLIM,
  INDIAN,
  WEST_AFRICAN,
  SOMALI,
  CARIBBEAN,
  POLISH,
  ROMANIAN,
  UKRAINIAN,
  MIDDLE_EASTERN,
  EAST_ASIAN,
  SOUTHERN_EUROPEAN,
];

/** The English-heritage origin, which other families' children's names often come from. */
export const ENGLISH_ORIGIN: NameOrigin = ENGLISH;

const unique = (lists: readonly (readonly string[])[]): readonly string[] => [
  ...new Set(lists.flat()),
];

/** Every girl's first name, every boy's, every surname (deduplicated). */
export const GIRLS_NAMES = unique(NAME_ORIGINS.map((o) => o.girls));
export const BOYS_NAMES = unique(NAME_ORIGINS.map((o) => o.boys));
export const SURNAMES = unique(NAME_ORIGINS.map((o) => o.surnames));

/** The feminine form of a surname where the language has one (Kowalski → Kowalska). */
export function feminineSurname(surname: string): string {
  if (/(ski|cki|dzki)$/.test(surname)) return `${surname.slice(0, -1)}a`;
  return surname;
}

/** What children with these names are often called day to day. */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Alexander: ["Alex", "Xander"],
  Benjamin: ["Ben", "Benji"],
  Charlotte: ["Lottie", "Charlie"],
  Elizabeth: ["Libby", "Lizzie", "Beth"],
  Isabella: ["Bella", "Izzy"],
  Isabelle: ["Izzy"],
  Jacob: ["Jake"],
  Joshua: ["Josh"],
  Matthew: ["Matt"],
  Nathaniel: ["Nate", "Nat"],
  Samuel: ["Sam", "Sammy"],
  Sebastian: ["Seb"],
  Thomas: ["Tom", "Tommy"],
  Theodore: ["Theo", "Teddy"],
  William: ["Will", "Billy"],
  Zachary: ["Zach"],
  Edward: ["Ed", "Ted"],
  Eleanor: ["Ellie", "Nell"],
  Penelope: ["Penny"],
  Matilda: ["Tilly"],
  Arabella: ["Bella"],
  Florence: ["Flo", "Florrie"],
  Harriet: ["Hattie"],
  Imogen: ["Immy"],
  Jessica: ["Jess"],
  Oliver: ["Olly"],
  Abigail: ["Abbie"],
  Gabriel: ["Gabe"],
  Daniel: ["Danny"],
  Michael: ["Mikey"],
  Alfred: ["Alfie"],
  Albert: ["Bertie"],
  Wilfred: ["Wilf"],
  Tobias: ["Toby"],
  Oluwaseun: ["Seun"],
  Oluwatobi: ["Tobi"],
  Chukwuemeka: ["Emeka"],
  Somtochukwu: ["Somto"],
  Jesutofunmi: ["Tofunmi"],
  Oluwadamilola: ["Dami"],
  Anuoluwapo: ["Anu"],
  Ebunoluwa: ["Ebun"],
  Chiamaka: ["Amaka"],
  Adaeze: ["Ada"],
  Temitope: ["Tope"],
  Ayomide: ["Ayo"],
  Abdirahman: ["Abdi"],
  Aleksander: ["Olek"],
  Franciszek: ["Franek"],
  Zuzanna: ["Zuzia"],
  Maksymilian: ["Max"],
  Tymoteusz: ["Tymek"],
  Oleksandr: ["Sasha"],
  Anastasiia: ["Nastia"],
  Alexandru: ["Alex"],
  Alexandra: ["Alex"],
  Zakariya: ["Zak"],
  Zakariye: ["Zak"],
  Leonardo: ["Leo"],
  Alessandro: ["Alex"],
  Valentina: ["Val"],
  Sofiia: ["Sonia"],
};
