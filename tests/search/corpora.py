"""Acceptance corpora: five pages per language, and queries that must find them.

Each language has the same five subjects, written in that language (not translated
word for word): a rural coworking space, a fab lab for young people, cooperative
governance, mapping third places, and evaluating social impact. The queries use other
inflected forms than the text, no accents, capitals, or several of these at once.
"""

CORPORA = {
    "en": {
        "pages": {
            "rural": (
                "Coworking in mountain villages",
                "How a shared workspace brought a village back to life.",
                [
                    "The space hosts freelancers, farmers and people working remotely. "
                    "Residents also find local services there."
                ],
            ),
            "fablab": (
                "A fab lab that trains young people",
                "Digital fabrication and learning by doing.",
                [
                    "The 3D printing and laser cutting workshops are open to schools. "
                    "Young people learn to repair things and to make objects."
                ],
            ),
            "governance": (
                "Cooperative governance of a third place",
                "A cooperative brings together users, employees and local councils.",
                [
                    "Decisions are taken by the general assembly. The business model "
                    "relies on memberships, office rental and public grants."
                ],
            ),
            "mapping": (
                "Mapping the third places of the region",
                "A survey to list the spaces and their services.",
                [
                    "The network map shows the places, their themes and their contacts. "
                    "The data are published under an open licence."
                ],
            ),
            "evaluation": (
                "Evaluating social impact",
                "Simple indicators to measure what a third place changes.",
                [
                    "The evaluation follows attendance, the jobs created and the "
                    "satisfaction of users."
                ],
            ),
        },
        "queries": [
            ("VILLAGE coworking", "rural"),
            ("farmer", "rural"),
            ("shared workspaces", "rural"),
            ("fabricating", "fablab"),
            ("Workshop SCHOOL", "fablab"),
            ("repairing", "fablab"),
            ("cooperatives governed", "governance"),
            ("grant", "governance"),
            ("mapped", "mapping"),
            ("surveys", "mapping"),
            ("evaluate impacts", "evaluation"),
            ("indicator", "evaluation"),
        ],
    },
    "fr": {
        "pages": {
            "rural": (
                "Le coworking dans les villages de montagne",
                "Comment un espace de travail partagé a redonné vie à un village.",
                [
                    "L'espace accueille des indépendants, des agriculteurs et des salariés "
                    "en télétravail. Les habitants y trouvent aussi des services de proximité."
                ],
            ),
            "fablab": (
                "Un fab lab pour former les jeunes",
                "Fabrication numérique et apprentissage par la pratique.",
                [
                    "Les ateliers d'impression 3D et de découpe laser sont ouverts aux "
                    "écoles. Les jeunes apprennent à réparer et à créer des objets."
                ],
            ),
            "governance": (
                "Gouvernance coopérative d'un tiers-lieu",
                "Une société coopérative d'intérêt collectif réunit usagers, salariés et "
                "collectivités.",
                [
                    "Les décisions sont prises en assemblée générale. Le modèle économique "
                    "repose sur les adhésions, la location de bureaux et des subventions."
                ],
            ),
            "mapping": (
                "Cartographier les tiers-lieux de la région",
                "Une enquête pour recenser les espaces et leurs services.",
                [
                    "La carte du réseau montre les lieux, leurs thèmes et leurs contacts. "
                    "Les données sont publiées sous licence ouverte."
                ],
            ),
            "evaluation": (
                "Évaluer l'impact social",
                "Des indicateurs simples pour mesurer ce que change un tiers-lieu.",
                [
                    "L'évaluation suit la fréquentation, les emplois créés et la "
                    "satisfaction des usagers."
                ],
            ),
        },
        "queries": [
            ("ESPACES PARTAGES", "rural"),
            ("teletravail", "rural"),
            ("independant agriculteur", "rural"),
            ("fabrications numeriques", "fablab"),
            ("atelier ecole", "fablab"),
            ("reparation", "fablab"),
            ("cooperatives", "governance"),
            ("modeles economiques", "governance"),
            ("SUBVENTION", "governance"),
            ("cartes du reseau", "mapping"),
            ("enquetes", "mapping"),
            ("evaluation impacts", "evaluation"),
            ("indicateur", "evaluation"),
        ],
    },
    "it": {
        "pages": {
            "rural": (
                "Il coworking nei borghi di montagna",
                "Come uno spazio di lavoro condiviso ha ridato vita a un paese.",
                [
                    "Lo spazio ospita liberi professionisti, agricoltori e lavoratori da "
                    "remoto. Gli abitanti trovano anche servizi di prossimità."
                ],
            ),
            "fablab": (
                "Un fab lab per formare i giovani",
                "Fabbricazione digitale e apprendimento pratico.",
                [
                    "I laboratori di stampa 3D e di taglio laser sono aperti alle scuole. "
                    "I giovani imparano a riparare e a creare oggetti."
                ],
            ),
            "governance": (
                "Governance cooperativa di un terzo luogo",
                "Una cooperativa di comunità riunisce utenti, lavoratori ed enti locali.",
                [
                    "Le decisioni si prendono in assemblea. Il modello economico si basa "
                    "sulle quote associative, sull'affitto degli uffici e sui contributi "
                    "pubblici."
                ],
            ),
            "mapping": (
                "Mappare i terzi luoghi della regione",
                "Un'indagine per censire gli spazi e i loro servizi.",
                [
                    "La mappa della rete mostra i luoghi, i temi e i contatti. I dati sono "
                    "pubblicati con licenza aperta."
                ],
            ),
            "evaluation": (
                "Valutare l'impatto sociale",
                "Indicatori semplici per misurare il cambiamento prodotto da un terzo luogo.",
                [
                    "La valutazione segue la frequentazione, i posti di lavoro creati e la "
                    "soddisfazione degli utenti."
                ],
            ),
        },
        "queries": [
            ("SPAZI CONDIVISI", "rural"),
            ("agricoltore", "rural"),
            ("prossimita", "rural"),
            ("fabbricazioni digitali", "fablab"),
            ("Laboratori SCUOLA", "fablab"),
            ("Giovane", "fablab"),
            ("cooperative", "governance"),
            ("modelli economici", "governance"),
            ("ufficio", "governance"),
            ("indagini", "mapping"),
            ("mappa rete", "mapping"),
            ("valutazioni impatti", "evaluation"),
            ("INDICATORE", "evaluation"),
        ],
    },
    "es": {
        "pages": {
            "rural": (
                "El coworking en los pueblos de montaña",
                "Cómo un espacio de trabajo compartido devolvió la vida a un pueblo.",
                [
                    "El espacio acoge a autónomos, agricultores y teletrabajadores. Los "
                    "vecinos también encuentran servicios de proximidad."
                ],
            ),
            "fablab": (
                "Un fab lab para formar a los jóvenes",
                "Fabricación digital y aprendizaje práctico.",
                [
                    "Los talleres de impresión 3D y corte láser están abiertos a las "
                    "escuelas. Los jóvenes aprenden a reparar y a crear objetos."
                ],
            ),
            "governance": (
                "Gobernanza cooperativa de un tercer lugar",
                "Una cooperativa reúne a usuarios, trabajadores y ayuntamientos.",
                [
                    "Las decisiones se toman en asamblea. El modelo económico se basa en "
                    "las cuotas, el alquiler de oficinas y las subvenciones."
                ],
            ),
            "mapping": (
                "Cartografiar los terceros lugares de la región",
                "Una encuesta para censar los espacios y sus servicios.",
                [
                    "El mapa de la red muestra los lugares, sus temas y sus contactos. Los "
                    "datos se publican con licencia abierta."
                ],
            ),
            "evaluation": (
                "Evaluar el impacto social",
                "Indicadores sencillos para medir lo que cambia un tercer lugar.",
                [
                    "La evaluación sigue la afluencia, los empleos creados y la "
                    "satisfacción de los usuarios."
                ],
            ),
        },
        "queries": [
            ("PUEBLO montana", "rural"),
            ("espacios compartidos", "rural"),
            ("autonomo", "rural"),
            ("fabricacion digital", "fablab"),
            ("TALLERES escuela", "fablab"),
            ("JOVENES", "fablab"),
            ("cooperativas", "governance"),
            ("modelos economicos", "governance"),
            ("subvencion", "governance"),
            ("encuestas", "mapping"),
            ("datos abiertos", "mapping"),
            ("evaluacion impactos", "evaluation"),
            ("indicador", "evaluation"),
        ],
    },
    "el": {
        "pages": {
            "rural": (
                "Συνεργατικός χώρος σε ορεινά χωριά",
                "Πώς ένας κοινόχρηστος χώρος εργασίας έδωσε ζωή σε ένα χωριό.",
                [
                    "Ο χώρος φιλοξενεί ελεύθερους επαγγελματίες, αγρότες και εργαζόμενους "
                    "εξ αποστάσεως. Οι κάτοικοι βρίσκουν επίσης τοπικές υπηρεσίες."
                ],
            ),
            "fablab": (
                "Ένα fab lab για την εκπαίδευση των νέων",
                "Ψηφιακή κατασκευή και μάθηση μέσα από την πράξη.",
                [
                    "Τα εργαστήρια τρισδιάστατης εκτύπωσης και κοπής με λέιζερ είναι "
                    "ανοιχτά στα σχολεία. Οι νέοι μαθαίνουν να επισκευάζουν και να "
                    "δημιουργούν αντικείμενα."
                ],
            ),
            "governance": (
                "Συνεργατική διακυβέρνηση ενός τρίτου χώρου",
                "Ένας συνεταιρισμός ενώνει χρήστες, εργαζόμενους και δήμους.",
                [
                    "Οι αποφάσεις λαμβάνονται σε γενική συνέλευση. Το οικονομικό μοντέλο "
                    "στηρίζεται στις συνδρομές, στην ενοικίαση γραφείων και σε επιδοτήσεις."
                ],
            ),
            "mapping": (
                "Χαρτογράφηση των τρίτων χώρων της περιφέρειας",
                "Μια έρευνα για την καταγραφή των χώρων και των υπηρεσιών τους.",
                [
                    "Ο χάρτης του δικτύου δείχνει τους χώρους, τα θέματα και τις επαφές "
                    "τους. Τα δεδομένα δημοσιεύονται με ανοιχτή άδεια."
                ],
            ),
            "evaluation": (
                "Αξιολόγηση του κοινωνικού αντίκτυπου",
                "Απλοί δείκτες για να μετρήσουμε τι αλλάζει ένας τρίτος χώρος.",
                [
                    "Η αξιολόγηση παρακολουθεί την επισκεψιμότητα, τις θέσεις εργασίας που "
                    "δημιουργήθηκαν και την ικανοποίηση των χρηστών."
                ],
            ),
        },
        "queries": [
            ("ΧΩΡΙΟ", "rural"),
            ("αγροτες", "rural"),
            ("κοινοχρηστοι χωροι", "rural"),
            ("ψηφιακη κατασκευη", "fablab"),
            ("ΕΡΓΑΣΤΗΡΙΩΝ", "fablab"),
            ("εκπαιδευση νεων", "fablab"),
            ("συνεταιρισμοι", "governance"),
            ("οικονομικα μοντελα", "governance"),
            ("ΔΙΑΚΥΒΕΡΝΗΣΗ", "governance"),
            ("χαρτογραφηση", "mapping"),
            ("ερευνες", "mapping"),
            ("αξιολογηση", "evaluation"),
            ("ΚΟΙΝΩΝΙΚΟΥ αντικτυπο", "evaluation"),
        ],
    },
    "hr": {
        "pages": {
            "rural": (
                "Coworking u planinskim selima",
                "Kako je zajednički radni prostor oživio jedno selo.",
                [
                    "Prostor ugošćuje slobodne profesionalce, poljoprivrednike i radnike na "
                    "daljinu. Mještani ondje pronalaze i lokalne usluge."
                ],
            ),
            "fablab": (
                "Fab lab za obrazovanje mladih",
                "Digitalna izrada i učenje kroz praksu.",
                [
                    "Radionice 3D ispisa i laserskog rezanja otvorene su školama. Mladi uče "
                    "popravljati i stvarati predmete."
                ],
            ),
            "governance": (
                "Zadružno upravljanje trećim mjestom",
                "Zadruga okuplja korisnike, zaposlenike i općine.",
                [
                    "Odluke se donose na skupštini. Poslovni model temelji se na "
                    "članarinama, najmu ureda i potporama."
                ],
            ),
            "mapping": (
                "Mapiranje trećih mjesta u regiji",
                "Anketa za popis prostora i njihovih usluga.",
                [
                    "Karta mreže prikazuje mjesta, teme i kontakte. Podaci se objavljuju "
                    "pod otvorenom licencom."
                ],
            ),
            "evaluation": (
                "Procjena društvenog učinka",
                "Jednostavni pokazatelji za mjerenje promjena koje donosi treće mjesto.",
                ["Procjena prati posjećenost, otvorena radna mjesta i zadovoljstvo korisnika."],
            ),
        },
        "queries": [
            ("SELO", "rural"),
            ("radni prostori", "rural"),
            ("poljoprivrednik", "rural"),
            ("digitalne izrade", "fablab"),
            ("radionica skola", "fablab"),
            ("obrazovanju", "fablab"),
            ("zadruge", "governance"),
            ("poslovnog modela", "governance"),
            ("CLANARINA", "governance"),
            ("mapiranja", "mapping"),
            ("ankete", "mapping"),
            ("procjene", "evaluation"),
            ("drustveni ucinku", "evaluation"),
        ],
    },
}
