"""Short comments of the kind participants write, by component, for the demo only."""

COMMENTS = {
    "shared-purpose": [
        "The strategy is on the intranet but I could not tell you what it means for my ward.",
        "Our purpose is talked about a lot at board level; less so on night shifts.",
        "Patient partners helped write the priorities this year, which felt different.",
        "Too many priorities at once, so in practice nothing is the priority.",
        "I can see how my team's project links to the trust goals.",
    ],
    "people-culture": [
        "People speak up in our team, but I am not sure it would be the same elsewhere.",
        "Rotas make it almost impossible to find time for improvement work.",
        "I was asked for my views as a carer and then heard nothing back.",
        "Staff who test ideas get thanked in the newsletter, which helps.",
        "Bank and agency colleagues are rarely included.",
    ],
    "leadership": [
        "Executives do walk the floor now, and they ask good questions.",
        "Leaders say they want improvement but meetings are still all about performance.",
        "My manager coaches rather than tells, but that is down to the person.",
        "The board spends more time on assurance than on learning.",
    ],
    "capability": [
        "I did the one-day course but had no support to apply it afterwards.",
        "The improvement team is excellent but there are only four of them.",
        "We use PDSA cycles in theatres; I have not seen them used elsewhere.",
        "Nobody has explained which improvement method the trust uses.",
        "Data support is hard to get unless you know someone.",
    ],
    "management-systems": [
        "Huddles happen every morning and issues do get escalated.",
        "Board papers still show red-amber-green tables rather than charts over time.",
        "I do not know what a tiered huddle is.",
        "Our directorate uses statistical process control charts well; others do not.",
        "Governance meetings feel like a hurdle for any change, however small.",
    ],
}

GENERIC = [
    "Hard to judge from where I sit.",
    "Better than two years ago, but patchy across sites.",
    "Depends very much on which team you are in.",
]
