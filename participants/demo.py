"""Demo participants for `manage.py seed_demo`: organisers from every Wikimedia region."""

from django.contrib.auth import get_user_model

from .models import Participant

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


def seed(*, rng, options):
    user_model = get_user_model()
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
        if username in existing:
            continue
        user = user_model(username=username, email=f"{username}@example.org")
        user.set_unusable_password()
        user.save()
        Participant.objects.create(user=user, display_name=display_name, country_id=country, role=role, listed=listed)
        created += 1
    return f"{created} participants created, {len(existing)} already there"
