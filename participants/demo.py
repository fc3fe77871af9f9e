"""Demo participants for `manage.py seed_demo`: organisers from every Wikimedia region."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from .models import Affiliate, HomeWiki, Participant, SpokenLanguage

# Countries the demo draws from, by region, with given names and family names common there.
DEMO_PEOPLE = {
    "SSA": (
        ["NG", "TZ", "GH", "KE", "UG", "CM", "ZA", "SN", "CI", "ET"],
        ["Amina", "Chinedu", "Neema", "Kwame", "Wanjiru", "Ifeoma", "Baraka", "Fatou", "Tendai", "Abebe", "Zawadi"],
        ["Okafor", "Mwangi", "Mensah", "Diallo", "Nkosi", "Abubakar", "Kamau", "Ndlovu", "Tesfaye", "Ouedraogo"],
    ),
    "MENA": (
        ["EG", "MA", "TN", "DZ", "JO", "IQ", "PS", "LB"],
        ["Yasmine", "Omar", "Layla", "Karim", "Nour", "Youssef", "Salma", "Hassan", "Mariam", "Tarek"],
        ["Haddad", "Benali", "Mansour", "El Amrani", "Khalil", "Nasser", "Saleh", "Toumi"],
    ),
    "LAC": (
        ["BR", "MX", "AR", "CO", "PE", "CL", "BO", "UY"],
        ["Camila", "João", "Valentina", "Diego", "Luciana", "Mateo", "Ana", "Santiago", "Beatriz", "Carlos"],
        ["Silva", "González", "Rodríguez", "Pereira", "Fernández", "Souza", "Ramírez", "Castro"],
    ),
    "SA": (
        ["IN", "BD", "PK", "NP", "LK"],
        ["Priya", "Arjun", "Farhana", "Imran", "Sita", "Rahul", "Ayesha", "Nimal", "Ananya"],
        ["Sharma", "Rahman", "Khan", "Shrestha", "Perera", "Iyer", "Chowdhury", "Das"],
    ),
    "ESEAP": (
        ["ID", "PH", "TW", "KR", "AU", "MY", "VN"],
        ["Siti", "Jose", "Mei", "Min-jun", "Olivia", "Aiko", "Linh", "Rizal", "Hana"],
        ["Santoso", "Reyes", "Chen", "Kim", "Nguyen", "Tan", "Wilson", "Lim"],
    ),
    "CEECA": (
        ["UA", "PL", "AM", "GE", "RS", "UZ", "CZ"],
        ["Olena", "Piotr", "Anahit", "Giorgi", "Milica", "Aziz", "Tereza", "Dmytro"],
        ["Kovalenko", "Nowak", "Petrosyan", "Beridze", "Jovanović", "Karimov", "Novák"],
    ),
    "NWE": (
        ["DE", "FR", "ES", "IT", "GB", "SE", "NL"],
        ["Lena", "Pierre", "Lucía", "Marco", "Emma", "Erik", "Sanne"],
        ["Müller", "Dubois", "García", "Rossi", "Smith", "Lindqvist", "de Vries"],
    ),
    "NA": (["US", "CA"], ["Jordan", "Maya", "Ethan", "Chloé"], ["Johnson", "Tremblay", "Williams", "Martin"]),
}
# The program's real audience leans towards underrepresented regions.
REGION_WEIGHTS = {"SSA": 26, "MENA": 14, "LAC": 16, "SA": 13, "ESEAP": 10, "CEECA": 9, "NWE": 8, "NA": 4}
DEMO_USERNAME_PREFIX = "demo-"
# Languages commonly spoken in each region, besides English.
REGION_LANGUAGES = {
    "SSA": ["sw", "yo", "ha", "ig", "fr", "am", "zu", "tw", "wo"],
    "MENA": ["ar", "fr", "kab", "ary", "arz"],
    "LAC": ["es", "pt", "qu", "gn"],
    "SA": ["hi", "bn", "ur", "ne", "ta", "si", "ml"],
    "ESEAP": ["id", "tl", "zh", "ko", "vi", "ms", "ja"],
    "CEECA": ["uk", "ru", "pl", "hy", "ka", "sr", "uz", "cs"],
    "NWE": ["de", "fr", "es", "it", "sv", "nl"],
    "NA": ["fr", "es"],
}
MULTILINGUAL_WIKIS = ["wikidata", "commons", "meta"]
# A ready account for trying the site after `make run`.
DEMO_LOGIN = {"username": "organiser", "email": "organiser@example.org", "password": "letsconnect-demo"}


def _details(rng, region, country, affiliates_by_country):
    """Languages, home wikis and affiliation of one demo participant, drawn from `rng`."""
    languages = [(rng.choice(REGION_LANGUAGES[region]), "N")]
    if rng.random() < 0.8:
        languages.append(("en", rng.choice(["3", "4", "5"])))
    wikis = [("wikipedia", languages[0][0])]
    if rng.random() < 0.5:
        wikis.append((rng.choice(MULTILINGUAL_WIKIS), ""))
    local_affiliates = affiliates_by_country.get(country, [])
    if local_affiliates and rng.random() < 0.7:
        affiliation, affiliates = Participant.Affiliation.AFFILIATE, [rng.choice(local_affiliates)]
    else:
        affiliation, affiliates = rng.choice([Participant.Affiliation.INDIVIDUAL, ""]), []
    gender = rng.choice([*Participant.Gender.values, "", ""])
    return {
        "languages": dict(languages),
        "wikis": set(wikis),
        "affiliation": affiliation,
        "affiliates": affiliates,
        "gender": gender,
        "age_range": rng.choice([*Participant.AgeRange.values, ""]),
        "wiki_experience": rng.choice(Participant.WikiExperience.values),
        "areas_of_work": rng.sample(Participant.AreaOfWork.values, k=rng.randint(0, 2)),
    }


def _demo_login():
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=DEMO_LOGIN["username"], defaults={"email": DEMO_LOGIN["email"]}
    )
    if created:
        user.set_password(DEMO_LOGIN["password"])
        user.save()
        EmailAddress.objects.create(user=user, email=DEMO_LOGIN["email"], primary=True, verified=True)


def seed(*, rng, options):
    user_model = get_user_model()
    affiliates_by_country = {}
    for affiliate in Affiliate.objects.exclude(country=None).order_by("name"):
        affiliates_by_country.setdefault(affiliate.country_id, []).append(affiliate)
    count = options["participants"]
    usernames = [f"{DEMO_USERNAME_PREFIX}{number:04d}" for number in range(count)]
    existing = set(user_model.objects.filter(username__in=usernames).values_list("username", flat=True))
    regions = list(REGION_WEIGHTS)
    weights = list(REGION_WEIGHTS.values())
    created = 0
    for username in usernames:
        # Draw for every row, existing or not, so that a second run sees the same people.
        region = rng.choices(regions, weights)[0]
        countries, given_names, family_names = DEMO_PEOPLE[region]
        display_name = f"{rng.choice(given_names)} {rng.choice(family_names)}"
        country = rng.choice(countries)
        role = rng.choice(Participant.Role.values)
        listed = rng.random() < 0.8
        details = _details(rng, region, country, affiliates_by_country)
        if username in existing:
            continue
        user = user_model(username=username, email=f"{username}@example.org")
        user.set_unusable_password()
        user.save()
        participant = Participant.objects.create(
            user=user,
            display_name=display_name,
            country_id=country,
            role=role,
            listed=listed,
            affiliation=details["affiliation"],
            gender=details["gender"],
            age_range=details["age_range"],
            wiki_experience=details["wiki_experience"],
            areas_of_work=details["areas_of_work"],
        )
        participant.affiliates.set(details["affiliates"])
        SpokenLanguage.objects.bulk_create(
            SpokenLanguage(participant=participant, language=code, level=level)
            for code, level in details["languages"].items()
        )
        HomeWiki.objects.bulk_create(
            HomeWiki(participant=participant, project=project, language=language)
            for project, language in sorted(details["wikis"])
        )
        created += 1
    _demo_login()
    return (
        f"{created} participants created, {len(existing)} already there; "
        f"sign in as {DEMO_LOGIN['username']} / {DEMO_LOGIN['password']}"
    )
