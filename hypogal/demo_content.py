"""Demo content for ``manage.py load_demo``: plain data, no Django imports.

Conditions and articles are keyed on their slugs, so the command can be run again safely.
Dates are ISO strings in UTC; the command turns them into timezone-aware values.
Medical wording is general information written for this demo, not advice; check it against
the listed sources before relying on it.
"""

CONDITIONS = [
    {
        "slug": "cervical-dystonia",
        "name": "Cervical dystonia",
        "other_names": "spasmodic torticollis, torticollis",
        "description": (
            "Cervical dystonia is a neurological movement disorder in which the neck muscles "
            "tighten without a person's control, pulling the head into twisted or tilted "
            "positions or making it shake. It is the most common dystonia that starts in "
            "adulthood and is often painful. Treatment, most often botulinum toxin injections, "
            "eases symptoms for many people."
        ),
    },
    {
        "slug": "sheehans-syndrome",
        "name": "Sheehan's syndrome",
        "other_names": "postpartum hypopituitarism, postpartum pituitary necrosis",
        "description": (
            "Sheehan's syndrome is damage to the pituitary gland caused by severe blood loss or "
            "very low blood pressure during or after childbirth. The gland may then stop making "
            "enough of one or more hormones, with symptoms that appear straight away or develop "
            "over years. It is treated with lifelong hormone replacement."
        ),
    },
    {
        "slug": "relapsing-polychondritis",
        "name": "Relapsing polychondritis",
        "other_names": "RP, systemic chondromalacia, chronic atrophic polychondritis",
        "description": (
            "Relapsing polychondritis is a rare autoimmune condition in which inflammation "
            "attacks cartilage, most often in the ears, nose, joints and airways, and sometimes "
            "the eyes, heart and blood vessels. It tends to come in flares separated by calmer "
            "periods. Treatment aims to control inflammation and protect the airways and other "
            "organs."
        ),
    },
]


CERVICAL_DYSTONIA_BODY = """\
## What is cervical dystonia?

Cervical dystonia is a neurological condition in which the muscles of the neck tighten or spasm
without your control. The contractions pull the head into positions you did not choose: turned
to one side, tilted towards a shoulder, bent forwards or pulled back. Some people also have a
jerky or shaking movement of the head, called dystonic tremor.

It is the most common focal dystonia, meaning dystonia that affects one part of the body. It
usually begins in adulthood, most often between the ages of 30 and 60, and is more common in
women than in men. It does not affect thinking or memory and does not shorten life, but it can
be painful and can change daily life a great deal.

Doctors sometimes describe the main direction of pull with these names:

- **torticollis**: the chin turns towards one shoulder (the most common pattern)
- **laterocollis**: the head tilts so that an ear moves towards a shoulder
- **anterocollis**: the head is pulled forwards and down
- **retrocollis**: the head is pulled backwards

Many people have a mix of these.

## What causes cervical dystonia?

Dystonia comes from a problem in how the brain controls movement, particularly in circuits
involving the basal ganglia, a group of structures deep in the brain that help to plan and
smooth movement. The muscles and nerves of the neck are usually healthy; the signals they
receive are not.

In most adults no single cause is found. This is called idiopathic cervical dystonia. Possible
contributors include:

- **genes**: a minority of people have a relative with dystonia, and several genes have been
  linked to it
- **injury**: symptoms occasionally start after an injury to the head, neck or shoulder
- **medicines**: some drugs that block dopamine, such as certain antipsychotic and
  anti-sickness medicines, can cause dystonia
- **other conditions**: rarely, dystonia is part of another neurological illness

Cervical dystonia is not caused by stress or by anything a person did, although stress and
tiredness can make the symptoms worse.

## What are the signs and symptoms?

Symptoms usually come on gradually over months and then tend to level off. Common signs are:

- the head turning, tilting or pulling in one direction without your control
- pain in the neck, shoulders or head, which affects most people with the condition
- head tremor or jerky head movements
- one shoulder sitting higher than the other
- tight, enlarged or aching neck muscles
- tiredness from constantly working against the pull

Symptoms are often worse when walking, under stress or when tired, and ease with rest or sleep.
Many people discover a "sensory trick": lightly touching the chin, cheek or back of the head can
briefly reduce the spasm.

## How is it diagnosed?

There is no single test for cervical dystonia. A neurologist, ideally one who specialises in
movement disorders, makes the diagnosis from your history and a careful examination of how your
head, neck and shoulders move.

Because the condition is uncommon and can look like a stiff neck, arthritis or a posture
problem, diagnosis is often delayed. Blood tests or scans are sometimes used to rule out other
causes, but in typical adult-onset cervical dystonia they are usually normal. Symptoms can vary
from day to day, so a short video of a bad moment can be useful to bring to the appointment.

## How is it treated?

There is no cure yet, but treatment reduces the pulling, pain and tremor for many people. Care
is tailored to each person and often combines several approaches:

- **Botulinum toxin injections** are the main treatment. Small doses are injected into the
  overactive neck muscles to relax them. The effect starts within a few days to two weeks and
  usually lasts around three months, so injections are repeated, typically about every 12
  weeks. Possible side effects include difficulty swallowing, neck weakness and soreness where
  the injection was given; these are usually temporary.
- **Oral medicines** such as trihexyphenidyl, baclofen or clonazepam help some people, alone
  or alongside injections, though side effects such as drowsiness or dry mouth can limit them.
- **Physiotherapy** from a therapist who understands dystonia can help with posture,
  stretching, strengthening the opposing muscles and managing pain.
- **Deep brain stimulation** may be considered for some people whose symptoms stay severe
  despite other treatment. Thin wires placed in the brain deliver small electrical pulses from
  a pacemaker-like device. Improvement usually builds up slowly over months.

Pain relief and mental health support are part of good care too. A small number of people find
their symptoms fade on their own, usually in the first few years, though they often return.

## Living with cervical dystonia

Cervical dystonia is usually long-term. Pain, fatigue and the visible movements can affect
work, driving, sleep, relationships and confidence. Depression and anxiety are more common
with dystonia, and they deserve treatment in their own right.

Things many people find helpful:

- keeping a simple diary of symptoms and injection dates
- pacing activities and building in rest, especially on difficult days
- trying supportive pillows, high-backed chairs or headrests
- asking an employer about reasonable adjustments, such as screen position or flexible hours
- meeting other people through a dystonia patient organisation or support group

Everyone's experience is different. If your symptoms change, your treatment stops working as
well as it did, or you are struggling to cope, talk to your neurologist, dystonia nurse or GP.
"""


SHEEHANS_SYNDROME_BODY = """\
## What is Sheehan's syndrome?

Sheehan's syndrome is a rare condition in which the pituitary gland is damaged by severe blood
loss or very low blood pressure during or soon after childbirth. The pituitary is a pea-sized
gland at the base of the brain that controls many other hormone glands. When part of it is
damaged, it may stop making enough of one or more hormones. This is called hypopituitarism.

The pituitary grows larger during pregnancy, which makes it more vulnerable if its blood supply
suddenly drops. Sheehan's syndrome has become rare where emergency care during childbirth is
easy to reach, but it still happens, and it is more common where that care is harder to get.

## What are the signs and symptoms?

Symptoms depend on which hormones are affected. Some appear in the days after the birth; others
develop over months or years, so the link with the birth is easy to miss. Signs can include:

- being unable to breastfeed because milk does not come in (low prolactin)
- periods not returning after the birth, hot flushes or low sex drive (low oestrogen)
- tiredness, weakness, dizziness, low blood pressure, low blood sugar or weight loss (low
  cortisol)
- feeling cold, constipation, dry skin, weight gain and slowed thinking (low thyroid hormone)
- less muscle strength, more body fat and low energy (low growth hormone)
- loss of pubic and underarm hair
- rarely, great thirst and passing large amounts of urine (low vasopressin)

Low cortisol is the most dangerous part. The body needs more cortisol during illness, injury or
surgery, and without it a person can develop an adrenal crisis, with vomiting, confusion, very
low blood pressure and collapse. An adrenal crisis is a medical emergency.

## How is it diagnosed?

The key clue is heavy bleeding during or after childbirth, followed by problems such as being
unable to breastfeed or periods not returning. An endocrinologist (a hormone specialist) will
arrange blood tests of the pituitary hormones and of the hormones made by the glands they
control. Some need a stimulation test, with blood taken before and after a trigger medicine.

An MRI scan of the pituitary helps to rule out other causes, such as a tumour. Years after the
birth, the scan may show a small or "empty" sella, the bony pocket where the pituitary sits.
Because symptoms can be vague and slow to appear, many people wait years for a diagnosis.

## How is it treated?

Treatment replaces the missing hormones, usually for life:

- **hydrocortisone** or a similar steroid replaces cortisol; it is started before thyroid
  hormone, because starting thyroid treatment first can bring on an adrenal crisis
- **levothyroxine** replaces thyroid hormone
- **oestrogen**, with a progestogen if you have a womb, until around the natural age of
  menopause, to protect the bones and heart and ease symptoms
- **growth hormone** for some adults with severe deficiency
- **desmopressin** if vasopressin is low

People who would like another pregnancy can be referred for fertility treatment, because
ovulation usually needs hormone support.

## Living with Sheehan's syndrome

With the right hormone replacement most people can lead full lives, but the condition needs
ongoing care. Regular reviews with an endocrinology team help to adjust doses over time. If you
take hydrocortisone, learn the "sick day rules" for raising the dose when you are unwell, carry
a steroid emergency card or medical ID, and keep an emergency injection kit that you and the
people close to you know how to use. Tell every doctor, dentist and anaesthetist that you have
adrenal insufficiency.

Tiredness can linger even on treatment, and many people also carry the emotional weight of a
frightening birth. A pituitary patient organisation can be a real source of support.
"""


RELAPSING_POLYCHONDRITIS_BODY = """\
## What is relapsing polychondritis?

Relapsing polychondritis (RP) is a rare, long-term condition in which the immune system attacks
cartilage, the firm, flexible tissue that shapes the ears and nose, cushions the joints and holds
the airways open. The eyes, inner ear, heart and blood vessels can be affected too.

As the name suggests, RP usually comes in episodes of inflammation (flares) separated by calmer
periods. Repeated flares can damage cartilage over time, so early diagnosis and treatment
matter. It most often starts in middle age and affects both women and men.

## What causes relapsing polychondritis?

RP is an autoimmune condition: the immune system mistakenly targets the body's own tissues. What
sets it off is not known. It is not an infection and cannot be passed on to other people.

In around a third of people, RP occurs alongside another condition, such as another autoimmune
disease, a form of vasculitis or a blood disorder. In 2020 researchers described VEXAS syndrome,
caused by a genetic change that develops in blood cells later in life, mostly in men over 50. It
can cause RP-like inflammation, so doctors now look for it in that group.

## What are the signs and symptoms?

Symptoms vary a lot from person to person. Common features include:

- red, swollen, painful outer ears that spare the earlobe, which has no cartilage
- a painful, red nose; over time the bridge can collapse ("saddle nose")
- joint pain and swelling, often in several joints
- red, painful eyes, from inflammation such as scleritis or uveitis
- hearing loss, ringing in the ears, dizziness or balance problems
- hoarseness, cough, tenderness over the voice box or windpipe, wheeze or breathlessness
- tiredness, fever and weight loss during flares

Airway involvement is one of the most serious parts of RP, because inflamed or weakened
cartilage can narrow the airways or let them collapse. New difficulty breathing, noisy
breathing or a sudden change in your voice needs urgent medical help.

## How is it diagnosed?

There is no single blood test for RP. A rheumatologist usually makes the diagnosis from the
pattern of symptoms, for example inflammation of both ears together with eye or joint problems.
Blood tests often show raised markers of inflammation during flares. Depending on symptoms,
doctors may arrange airway scans and breathing tests, eye and hearing checks and a heart scan.
A cartilage biopsy is sometimes done but is not always needed.

## How is it treated?

Treatment aims to calm flares, protect the organs and prevent damage. It depends on which parts
of the body are affected and how badly:

- **anti-inflammatory painkillers, colchicine or dapsone** for mild disease of the ears, nose
  or joints
- **steroids** such as prednisolone to bring flares under control, with the dose lowered once
  inflammation settles
- **immunosuppressants** such as methotrexate, azathioprine or mycophenolate, to keep RP quiet
  and reduce the need for steroids
- **biologic medicines**, such as TNF inhibitors or tocilizumab, for some people whose disease
  is severe or hard to control

People with airway damage may need procedures such as stents to keep the airways open. Care is
often shared between rheumatology, chest, ear nose and throat, eye and heart specialists.

## Living with relapsing polychondritis

RP is unpredictable. Learning your own early signs of a flare and knowing whom to contact can
help. Regular check-ups matter even when you
feel well, because airway or heart problems can develop quietly.

Before any operation, tell the anaesthetist that you have RP, since the airway cartilage may be
affected. Long-term steroids and immunosuppressants need monitoring for side effects such as
bone thinning and infections, so keep up with the blood tests and vaccinations your team
recommends.
"""


FIRST_BOTOX_BODY = """\
Botulinum toxin injections (Botox is one well-known brand) are the main treatment for cervical
dystonia. A first appointment can feel daunting, so here is what usually happens.

## What happens at the appointment?

The doctor examines your neck and watches how your head moves, to decide which muscles to inject
and how much to give. Some clinics use ultrasound or EMG, which picks up muscle activity, to
guide the needle. The injections themselves take only a few minutes.

## What should I bring?

- a list of your current medicines
- a short video of your symptoms on a bad day
- your questions, written down

## What happens afterwards?

The effect starts within a few days to two weeks. Soreness, some neck weakness or difficulty
swallowing can happen; contact your clinic if they worry you, and get urgent help for any
difficulty breathing. Follow the aftercare advice your clinic gives, and keep a diary of how you
feel week by week so the next dose can be adjusted.
"""


ARTICLES = [
    {
        "slug": "what-is-cervical-dystonia",
        "title": "What is cervical dystonia?",
        "summary": (
            "Cervical dystonia makes the neck muscles pull the head into twisted or tilted "
            "positions. A plain-language overview of its causes, symptoms, diagnosis and "
            "treatment, and of living with it."
        ),
        "body": CERVICAL_DYSTONIA_BODY,
        "status": "published",
        "published_at": "2024-03-12T09:00:00",
        "reviewed_at": "2025-02-20",
        "conditions": ["cervical-dystonia"],
        "sources": [
            {
                "title": "Cervical dystonia",
                "publisher": "Dystonia Medical Research Foundation",
                "url": "https://dystonia-foundation.org/",
            },
            {
                "title": "Dystonia",
                "publisher": "NHS",
                "url": "https://www.nhs.uk/conditions/dystonia/",
            },
            {
                "title": "Dystonia",
                "publisher": "National Institute of Neurological Disorders and Stroke (NINDS)",
                "url": "https://www.ninds.nih.gov/health-information/disorders/dystonia",
            },
            {
                "title": "Cervical dystonia",
                "publisher": "Dystonia UK",
                "url": "https://www.dystonia.org.uk/",
            },
        ],
    },
    {
        "slug": "what-is-sheehans-syndrome",
        "title": "What is Sheehan's syndrome?",
        "summary": (
            "Sheehan's syndrome is damage to the pituitary gland after severe bleeding in "
            "childbirth. What it is, the symptoms to look out for, how it is diagnosed and how "
            "hormone replacement treats it."
        ),
        "body": SHEEHANS_SYNDROME_BODY,
        "status": "published",
        "published_at": "2024-06-04T09:00:00",
        "reviewed_at": "2025-03-10",
        "conditions": ["sheehans-syndrome"],
        "sources": [
            {
                "title": "Hypopituitarism",
                "publisher": "NHS",
                "url": "https://www.nhs.uk/conditions/hypopituitarism/",
            },
            {
                "title": "Sheehan's syndrome",
                "publisher": "The Pituitary Foundation",
                "url": "https://www.pituitary.org.uk/",
            },
            {
                "title": "Sheehan syndrome",
                "publisher": "National Organization for Rare Disorders (NORD)",
                "url": "https://rarediseases.org/",
            },
        ],
    },
    {
        "slug": "what-is-relapsing-polychondritis",
        "title": "What is relapsing polychondritis?",
        "summary": (
            "Relapsing polychondritis is a rare autoimmune condition that inflames cartilage in "
            "the ears, nose, joints and airways. An overview of its symptoms, diagnosis and "
            "treatment, and of living with flares."
        ),
        "body": RELAPSING_POLYCHONDRITIS_BODY,
        "status": "published",
        "published_at": "2025-01-21T09:00:00",
        "reviewed_at": "2025-05-02",
        "conditions": ["relapsing-polychondritis"],
        "sources": [
            {
                "title": "Relapsing polychondritis",
                "publisher": "National Organization for Rare Disorders (NORD)",
                "url": "https://rarediseases.org/",
            },
            {
                "title": "Relapsing polychondritis",
                "publisher": "Johns Hopkins Vasculitis Center",
                "url": "https://www.hopkinsvasculitis.org/",
            },
            {
                "title": "Relapsing polychondritis",
                "publisher": "Genetic and Rare Diseases Information Center (GARD)",
                "url": "https://rarediseases.info.nih.gov/",
            },
        ],
    },
    {
        "slug": "preparing-for-your-first-botox-appointment",
        "title": "Preparing for your first Botox appointment",
        "summary": (
            "What usually happens at a first botulinum toxin appointment for cervical dystonia, "
            "what to bring and what to expect in the weeks afterwards."
        ),
        "body": FIRST_BOTOX_BODY,
        "status": "draft",
        "published_at": None,
        "reviewed_at": None,
        "conditions": ["cervical-dystonia"],
        "sources": [],
    },
]


# Stories: first person, fictional details. Photos are drawn by hypogal/demo_images.py;
# "drawing" names one of its DRAWINGS. Photos are keyed on their position within the story.
SERIES = [
    {
        "slug": "my-cervical-dystonia-journey",
        "title": "My cervical dystonia journey",
        "description": "From the first pulling in my neck to finding a treatment that helps.",
    },
]

STORIES = [
    {
        "slug": "rocks-in-my-neck",
        "title": "Rocks in my neck",
        "summary": "The day a pain specialist finally put a name to the pulling in my neck, "
        "and photographed my face so we could compare later.",
        "series": "my-cervical-dystonia-journey",
        "series_part": 1,
        "conditions": ["cervical-dystonia"],
        "related_articles": ["what-is-cervical-dystonia"],
        "published_at": "2024-04-02T09:00:00",
        "body": """For almost a year I thought I was just sleeping badly. My head kept turning
to the left on its own, a little at first, then enough that I had to hold my chin to read a
menu. By the evening my neck burned.

## The appointment

I tell the pain specialist there must be rocks in my neck. She smiles, presses along the
muscles and asks me to look straight ahead and hold it. I can't, not for long. The pull always
wins.

She asks if she may photograph my face, "so that in a few months we can compare". I say yes,
feeling oddly shy about it.

[photo 1]

## A name for it

She explains that this looks like **cervical dystonia**: the muscles get the wrong signals from
the brain and contract when they shouldn't. It isn't something I did, and it isn't in my head.
I cry a bit in the car park, mostly from relief.

## What comes next

The plan is botulinum toxin injections into the overactive muscles, guided by what she felt
and saw, with physiotherapy alongside. The effect builds over a couple of weeks and wears off
after about three months, so it will be a routine, not a cure.

Three months later we took the second photo: the two are side by side below. I'll write
about those months in part two.
""",
        "photos": [
            {
                "position": 1,
                "drawing": "before",
                "stage": "before",
                "taken_on": "2024-03-18",
                "alt_text": "Illustration of my face before treatment: my head tilts and my chin "
                "is pulled to one side.",
                "caption": "Before the first injections.",
            },
            {
                "position": 2,
                "drawing": "after",
                "stage": "after",
                "taken_on": "2024-06-20",
                "alt_text": "Illustration of my face three months after treatment: my head is "
                "almost straight.",
                "caption": "Three months later, after the first round of injections.",
            },
        ],
    },
    {
        "slug": "three-months-after-the-first-injections",
        "title": "Three months after the first injections",
        "summary": "What the first round of botulinum toxin injections felt like, what "
        "changed, and what didn't.",
        "series": "my-cervical-dystonia-journey",
        "series_part": 2,
        "conditions": ["cervical-dystonia"],
        "related_articles": ["what-is-cervical-dystonia"],
        "published_at": "2024-07-01T09:00:00",
        "body": """People ask what the injections feel like. For me: a few sharp pinches, a dull
ache for a day, then nothing for a week. I was sure they hadn't worked.

## The second week

Around day ten I noticed I was reading without holding my chin. By the end of the second week
the burning in the evening was softer. Not gone, softer.

## What didn't change

- I still tire quickly when I'm stressed, and the pull comes back a little.
- Turning to reverse the car is still awkward, so I use the mirrors and take my time.
- My neck needed the physiotherapy exercises just as much as before.

## What I'd tell my past self

Keep a diary from the day of the injection, and take the photos. On a bad day it is easy to
believe nothing has improved. The two pictures side by side told me otherwise.
""",
        "photos": [],
    },
    {
        "slug": "the-tiredness-nobody-could-explain",
        "title": "The tiredness nobody could explain",
        "summary": "Years of exhaustion after a difficult birth, and the blood test that "
        "finally pointed to my pituitary gland.",
        "series": None,
        "series_part": None,
        "conditions": ["sheehans-syndrome"],
        "related_articles": ["what-is-sheehans-syndrome"],
        "published_at": "2024-09-10T09:00:00",
        "body": """After my daughter was born I lost a lot of blood. I was told I'd feel tired
for a while. "A while" became years.

## Looking for a reason

I was cold when everyone else was warm. I felt faint when I stood up too fast. My periods never
properly came back. Each symptom on its own sounded like ordinary new-parent tiredness, so
that's what I was told it was.

[photo 1]

## The blood test

A new GP listened to the whole list at once and asked about the birth. She ordered tests of my
hormones, and they showed my pituitary gland wasn't making enough of several of them. The
specialist called it Sheehan's syndrome.

## Living with replacement hormones

I now take replacement hormones every day and carry a card that says so, because in an
emergency my body can't make the stress hormone it needs on its own. Getting the doses right
took months of small changes and more blood tests. I'm not who I was before, but I'm no longer
cold all the time, and I can get through an afternoon.

If any of this sounds familiar, please mention the birth to your doctor. It was the missing
piece for me.
""",
        "photos": [
            {
                "position": 1,
                "drawing": "window",
                "stage": "",
                "taken_on": "2023-11-07",
                "alt_text": "Drawing of the view from the clinic's waiting-room window: green "
                "hills under a pale sky.",
                "caption": "The view I got to know well from the endocrinology waiting room.",
            },
        ],
    },
]

SITE_SETTINGS = {
    "site_name": "HypoGal",
    "tagline": "Living with rare conditions, in plain words",
    "author_name": "HypoGal",
    "author_bio": "I live with cervical dystonia, Sheehan's syndrome and relapsing "
    "polychondritis, and write the guides I wish I'd had when I was diagnosed.",
    "facebook_url": "https://www.facebook.com/hypogal",
}
