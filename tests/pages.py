"""Five saved news pages written for the tests, each as a browser saves it as text
(``.txt``: every visible line, menus and all) and as HTML (``.html``).

The furniture is that of common French news sites (a national daily, a paper with a
paywall, an international radio, a pan-African weekly, a WordPress news site): cookie
banners and their buttons, menus and breadcrumbs, bylines, "Publié le ... - Mis à jour
le ..." datelines, reading times, share buttons, photo credits, "Lire aussi" links,
paywall prompts, "Les plus lus" and "Sur le même sujet" lists, newsletter forms, comment
forms and readers' comments, footers. The sites, people's words and articles are made up
for these tests (the political facts are plausible, not reported ones); the headlines in
the lists speak of other actors and events, so that a list read as text shows.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    name: str
    site: str
    headline: str
    standfirst: str
    byline: str
    dateline: str
    published: str  # ISO, for the HTML's metadata
    paragraphs: tuple[str, ...]
    #: furniture, by where it stands
    cookie: tuple[str, ...] = ()
    menu: tuple[str, ...] = ()
    breadcrumb: str = ""
    before_body: tuple[str, ...] = ()  # reading time, share buttons, photo credit
    links: dict[int, str] = field(default_factory=dict)  # "Lire aussi" after paragraph i
    after_body: tuple[str, ...] = ()  # paywall, tags, share again
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()  # ("Les plus lus", headlines)
    comments_heading: str = ""
    comment_form: tuple[str, ...] = ()
    comments: tuple[tuple[str, str, str], ...] = ()  # (reader, when, what they wrote)
    footer: tuple[str, ...] = ()


OTHER_NEWS = {
    "plus lus": ("Guerre en Ukraine : Kiev accuse Moscou d'avoir bombardé une centrale à Kharkiv",
                 "Législatives : le Rassemblement national promet de réduire l'immigration",
                 "Soudan : les Forces de soutien rapide attaquent El Fasher",
                 "Gaza : le Qatar propose une nouvelle trêve au Hamas et à Israël",
                 "Football : le PSG s'impose face à Marseille"),
    "même sujet": ("Burkina Faso : le capitaine Ibrahim Traoré limoge son Premier ministre",
                   "La Russie livre des armes à la Guinée",
                   "L'Union européenne suspend son aide budgétaire au Mali"),
}

PAGES = (
    Page(
        name="quotidien-niger",
        site="Le Quotidien",
        headline="Au Niger, la junte ordonne le départ de l'ambassadeur de France",
        standfirst="Les militaires au pouvoir à Niamey ont donné quarante-huit heures au diplomate "
                   "français pour quitter le pays, une décision que Paris juge illégitime.",
        byline="Par Claire Martin (Dakar, correspondante)",
        dateline="Publié le 12 mars 2024 à 10h05 - Mis à jour le 12 mars 2024 à 18h30",
        published="2024-03-12T10:05:00+01:00",
        paragraphs=(
            "Le Conseil national pour la sauvegarde de la patrie (CNSP) a ordonné lundi le départ de "
            "l'ambassadeur de France à Niamey, Sylvain Itté, accusé d'avoir ignoré une convocation du "
            "ministère nigérien des Affaires étrangères.",
            "Le ministère français des Affaires étrangères a rejeté cette décision et rappelé que seules "
            "les autorités légitimes du Niger pouvaient demander le départ de son ambassadeur.",
            "Le général Abdourahamane Tiani a reçu mardi à Niamey une délégation de la CEDEAO venue "
            "proposer une médiation entre les deux pays.",
            "La Communauté économique des États de l'Afrique de l'Ouest a menacé le Niger de nouvelles "
            "sanctions si la junte ne libérait pas le président Mohamed Bazoum.",
        ),
        cookie=("Nous et nos partenaires utilisons des cookies et des traceurs pour mesurer l'audience "
                "et vous proposer des publicités personnalisées. En cliquant sur « Accepter », vous "
                "consentez à leur dépôt.",
                "Accepter Refuser", "Paramétrer les cookies"),
        menu=("Menu", "Rechercher", "Se connecter", "S'abonner", "International", "Politique",
              "Économie", "Afrique", "Planète", "Culture", "Sport"),
        breadcrumb="Accueil > International > Afrique",
        before_body=("Temps de lecture : 3 min.", "Partager", "Facebook", "Twitter", "LinkedIn",
                     "Copier le lien", "Offrir cet article"),
        links={1: "Lire aussi | Au Mali, la junte dissout les partis politiques"},
        after_body=("Mots-clés : Niger, France, CEDEAO",
                    "Partager sur Facebook", "Partager sur X"),
        lists=(("Les plus lus", OTHER_NEWS["plus lus"]), ("Sur le même sujet", OTHER_NEWS["même sujet"])),
        comments_heading="Commentaires (2)",
        comments=(("Moussa K.", "12 mars 2024 à 11h20",
                   "La France n'a jamais respecté la souveraineté du Niger, bravo à la junte !"),
                  ("Aminata", "12 mars 2024 à 12h02", "La CEDEAO doit lever les sanctions contre Niamey.")),
        footer=("© Le Quotidien 2024 - Tous droits réservés", "Mentions légales", "Politique de confidentialité",
                "Gestion des cookies", "Nous contacter"),
    ),
    Page(
        name="figaro-senegal",
        site="Le Journal du Soir",
        headline="Sénégal : Bassirou Diomaye Faye reçoit le président mauritanien à Dakar",
        standfirst="Les deux chefs d'État ont signé un accord sur l'exploitation commune du gisement "
                   "gazier de Grand Tortue Ahmeyim.",
        byline="Par Jean Dupont et Awa Ndiaye",
        dateline="Publié le 20/04/2024 à 09:15, mis à jour le 20/04/2024 à 17:42",
        published="2024-04-20T09:15:00+02:00",
        paragraphs=(
            "Le président sénégalais Bassirou Diomaye Faye a reçu samedi à Dakar son homologue mauritanien "
            "Mohamed Ould Ghazouani pour une visite de travail de deux jours.",
            "Les deux dirigeants ont signé un accord de coopération énergétique sur l'exploitation du "
            "gisement de gaz situé à la frontière maritime entre les deux pays.",
            "Le Premier ministre Ousmane Sonko a salué un partenariat « exemplaire » et a appelé les "
            "compagnies pétrolières à respecter le calendrier de production.",
            "La Mauritanie et le Sénégal prévoient de réunir leur commission mixte en juin à Nouakchott.",
        ),
        cookie=("Ce site utilise des cookies pour améliorer votre expérience et à des fins de mesure "
                "d'audience. Vous pouvez modifier vos choix à tout moment.",
                "Tout accepter", "Continuer sans accepter"),
        menu=("Actualité", "International", "Économie", "Sport", "Culture", "Vidéos", "Mon compte"),
        breadcrumb="Accueil » International » Afrique",
        before_body=("Réservé aux abonnés", "Écouter cet article", "00:00/04:12", "Partager",
                     "Le président sénégalais Bassirou Diomaye Faye à Dakar, en avril 2024. Photo : Reuters"),
        links={2: "À lire aussi : Gaz : le Sénégal et la Mauritanie repoussent la production"},
        after_body=("Cet article est réservé aux abonnés. Il vous reste 70% à découvrir.",
                    "Déjà abonné ? Connectez-vous", "Sujets", "Sénégal", "Mauritanie", "Gaz naturel"),
        lists=(("Les plus lus", OTHER_NEWS["plus lus"][:3]),),
        comments_heading="Réagissez",
        comment_form=("Votre commentaire", "Vous devez être connecté pour commenter.", "Se connecter"),
        footer=("Le Journal du Soir © 2024", "CGU", "Contact", "Plan du site"),
    ),
    Page(
        name="radio-tchad",
        site="Radio Monde",
        headline="Tchad : N'Djamena met fin à l'accord de défense avec la France",
        standfirst="Le gouvernement tchadien a annoncé la fin de la coopération militaire avec Paris et "
                   "demandé le départ des soldats français.",
        byline="RM avec AFP",
        dateline="Publié le : 29/11/2024 - 08:12 Modifié le : 29/11/2024 - 21:05",
        published="2024-11-29T08:12:00+01:00",
        paragraphs=(
            "Le ministre tchadien des Affaires étrangères, Abderaman Koulamallah, a annoncé jeudi soir que "
            "le Tchad dénonçait l'accord de coopération en matière de défense signé avec la France en 2019.",
            "N'Djamena a demandé à Paris de retirer ses soldats du territoire tchadien dans les prochains mois.",
            "Le président Mahamat Idriss Déby a reçu vendredi l'ambassadeur de France pour lui remettre "
            "une lettre adressée au président Emmanuel Macron.",
            "La France a pris acte de la décision et a promis de poursuivre le dialogue avec les autorités "
            "tchadiennes.",
        ),
        cookie=("Radio Monde et ses partenaires déposent des cookies pour le fonctionnement du site et la "
                "mesure d'audience.", "J'accepte", "Je refuse", "Personnaliser"),
        menu=("En direct", "Podcasts", "Afrique", "Monde", "France", "Économie", "Sports"),
        before_body=("Écouter - 02:34", "Partager :", "Facebook Twitter WhatsApp E-mail",
                     "Des soldats français à N'Djamena, le 5 décembre 2022. © AFP - Christophe Petit"),
        links={1: "À lire aussi : Le Sénégal annonce la fermeture des bases françaises"},
        after_body=("Partager :", "Facebook Twitter WhatsApp E-mail", "Tchad Défense France"),
        lists=(("Sur le même sujet", OTHER_NEWS["même sujet"]), ("Les plus lus", OTHER_NEWS["plus lus"][1:4])),
        footer=("Radio Monde", "Toutes les émissions", "Nous contacter", "Mentions légales",
                "Gestion des traceurs"),
    ),
    Page(
        name="hebdo-cote-ivoire",
        site="Afrique Hebdo",
        headline="La Côte d'Ivoire et le Ghana signent un accord pour stabiliser le prix du cacao",
        standfirst="Réunis à Abidjan, les deux premiers producteurs mondiaux veulent peser face aux "
                   "négociants et aux chocolatiers.",
        byline="Par Koffi Yao - à Abidjan",
        dateline="Mis à jour le 5 février 2024 à 16:40",
        published="2024-02-05T16:40:00+00:00",
        paragraphs=(
            "Le président ivoirien Alassane Ouattara a reçu lundi à Abidjan son homologue ghanéen "
            "Nana Akufo-Addo pour un sommet consacré à la filière du cacao.",
            "La Côte d'Ivoire et le Ghana ont signé un accord qui fixe un prix plancher pour la prochaine "
            "campagne et crée un secrétariat commun à Accra.",
            "Les deux pays ont accusé plusieurs négociants internationaux de contourner le différentiel de "
            "revenu décent instauré en 2019.",
            "La Banque africaine de développement a promis de financer les premiers entrepôts de stockage.",
        ),
        cookie=("Nous utilisons des cookies afin de vous offrir la meilleure expérience possible. En "
                "poursuivant votre navigation, vous acceptez leur utilisation.", "OK", "En savoir plus"),
        menu=("Politique", "Économie", "Société", "Culture", "Sport", "Le Mag", "Newsletters", "Abonnement"),
        breadcrumb="Accueil / Économie / Agriculture",
        before_body=("Lecture : 4 minutes.", "Ajouter à mes favoris", "Partager sur :", "Facebook", "X",
                     "LinkedIn", "WhatsApp", "Imprimer"),
        links={0: "Lire aussi : Cacao : pourquoi les cours s'envolent"},
        after_body=("Les articles d'Afrique Hebdo dans votre boîte mail", "Inscrivez-vous à notre newsletter",
                    "Votre adresse e-mail", "S'inscrire"),
        lists=(("Les plus lus", OTHER_NEWS["plus lus"][2:]),),
        comments_heading="3 commentaires",
        comments=(("Yao", "il y a 2 heures", "Enfin un accord sérieux pour les planteurs !"),
                  ("Fatou D.", "il y a 3 heures", "Le Ghana a toujours défendu le prix plancher."),
                  ("Kouadio", "il y a 5 heures", "Et les chocolatiers, ils paieront ?")),
        footer=("© Afrique Hebdo - 2024", "Qui sommes-nous ?", "Conditions générales", "Contact"),
    ),
    Page(
        name="wordpress-mali",
        site="Sahel Info",
        headline="Mali : Assimi Goïta reçoit le ministre russe de la Défense à Bamako",
        standfirst="",
        byline="Par La Rédaction",
        dateline="Le 14 août 2024 à 19h12",
        published="2024-08-14T19:12:00+00:00",
        paragraphs=(
            "Le président de la transition, le général Assimi Goïta, a reçu mercredi à Bamako le ministre "
            "russe de la Défense, Andreï Belooussov, pour renforcer la coopération militaire entre le Mali "
            "et la Russie.",
            "Les deux pays ont signé un protocole d'accord sur la formation des officiers maliens dans les "
            "académies militaires russes.",
            "Le ministre malien de la Défense, Sadio Camara, a remercié Moscou pour la livraison de nouveaux "
            "hélicoptères de combat.",
            "L'Ukraine a été accusée par Bamako de soutenir les groupes armés du nord du pays, ce que Kiev "
            "dément.",
        ),
        cookie=("Ce site utilise des cookies. En continuant à naviguer, vous acceptez notre politique de "
                "cookies.", "Accepter", "Refuser"),
        menu=("ACCUEIL", "POLITIQUE", "SÉCURITÉ", "ÉCONOMIE", "SOCIÉTÉ", "SPORT", "CONTACT"),
        before_body=("0 commentaire", "Partager", "Facebook", "Twitter", "WhatsApp", "Telegram"),
        links={1: "À lire aussi : Gao : les FAMa neutralisent des terroristes"},
        after_body=("Tags : Assimi Goïta Défense Russie", "Partagez :", "Cliquez pour partager sur Facebook(ouvre "
                    "dans une nouvelle fenêtre)", "Cliquez pour imprimer(ouvre dans une nouvelle fenêtre)",
                    "Articles similaires"),
        lists=(("Les plus récents", OTHER_NEWS["même sujet"]),),
        comments_heading="LAISSER UN COMMENTAIRE",
        comment_form=("Annuler la réponse",
                      "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
                      "Commentaire *", "Nom *", "E-mail *", "Site web",
                      "Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire.",
                      "Publier le commentaire"),
        footer=("© 2024 Sahel Info. Tous droits réservés.", "À propos", "Publicité", "Contact"),
    ),
)


def article_lines(page: Page) -> list[str]:
    """The article's own lines, in order (the headline first)."""
    lines = [page.headline]
    if page.standfirst:
        lines.append(page.standfirst)
    for i, p in enumerate(page.paragraphs):
        lines.append(p)
    return lines


def to_text(page: Page) -> str:
    """The page as a browser saves it as text: one visible block a line, blank lines between."""
    blocks: list[str] = [*page.cookie, *page.menu]
    if page.breadcrumb:
        blocks.append(page.breadcrumb)
    blocks += [page.headline]
    if page.standfirst:
        blocks.append(page.standfirst)
    blocks += [page.byline, page.dateline, *page.before_body]
    for i, p in enumerate(page.paragraphs):
        blocks.append(p)
        if i in page.links:
            blocks.append(page.links[i])
    blocks += list(page.after_body)
    for heading, items in page.lists:
        blocks += [heading, *items]
    if page.comments_heading:
        blocks.append(page.comments_heading)
    blocks += list(page.comment_form)
    for reader, when, what in page.comments:
        blocks += [reader, when, what, "Répondre"]
    blocks += list(page.footer)
    return "\n\n".join(blocks) + "\n"


def _p(text: str, cls: str = "") -> str:
    return f'<p{f" class={cls!r}" if cls else ""}>{html.escape(text)}</p>'


def to_html(page: Page) -> str:
    """The same page as its site serves it."""
    e = html.escape
    cookie = "".join(_p(x) if i == 0 else f"<button>{e(x)}</button>" for i, x in enumerate(page.cookie))
    menu = "".join(f'<li><a href="/{i}">{e(x)}</a></li>' for i, x in enumerate(page.menu))
    crumbs = f'<nav class="breadcrumb">{e(page.breadcrumb)}</nav>' if page.breadcrumb else ""
    body = []
    for i, p in enumerate(page.paragraphs):
        body.append(_p(p))
        if i in page.links:
            body.append(f'<p class="read-also"><a href="/autre-article-{i}">{e(page.links[i])}</a></p>')
    before = "".join(f'<span class="tool">{e(x)}</span>' for x in page.before_body)
    after = "".join(f'<div class="after">{e(x)}</div>' for x in page.after_body)
    lists = "".join(f'<aside><h2>{e(h)}</h2><ol>' + "".join(f'<li><a href="/l{n}">{e(x)}</a></li>'
                                                             for n, x in enumerate(items)) + "</ol></aside>"
                    for h, items in page.lists)
    comments = ""
    if page.comments_heading or page.comment_form or page.comments:
        comments = (f'<section id="comments"><h3>{e(page.comments_heading)}</h3>'
                    + "".join(f"<div class='form'>{e(x)}</div>" for x in page.comment_form)
                    + "".join(f"<div class='comment'><b>{e(r)}</b> <time>{e(w)}</time><p>{e(t)}</p>"
                              "<a href='#reply'>Répondre</a></div>" for r, w, t in page.comments)
                    + "</section>")
    footer = "".join(f"<div>{e(x)}</div>" for x in page.footer)
    standfirst = _p(page.standfirst, "chapo") if page.standfirst else ""
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>{e(page.headline)} - {e(page.site)}</title>
<meta property="og:title" content="{e(page.headline, quote=True)}">
<meta property="og:site_name" content="{e(page.site, quote=True)}">
<meta property="article:published_time" content="{page.published}">
</head><body>
<div id="cookie-banner">{cookie}</div>
<header><div class="logo">{e(page.site)}</div><nav><ul>{menu}</ul></nav></header>
<main>{crumbs}
<article>
<h1>{e(page.headline)}</h1>
{standfirst}
<div class="byline">{e(page.byline)}</div>
<div class="dateline">{e(page.dateline)}</div>
<div class="tools">{before}</div>
{"".join(body)}
</article>
{after}
{lists}
{comments}
</main>
<footer>{footer}</footer>
</body></html>
"""


def write_pages(folder) -> list:
    """Each page as ``NAME.txt`` in ``folder/txt`` and ``NAME.html`` in ``folder/html``."""
    from pathlib import Path

    folder = Path(folder)
    (folder / "txt").mkdir(parents=True, exist_ok=True)
    (folder / "html").mkdir(parents=True, exist_ok=True)
    for page in PAGES:
        (folder / "txt" / f"{page.name}.txt").write_text(to_text(page), encoding="utf-8")
        (folder / "html" / f"{page.name}.html").write_text(to_html(page), encoding="utf-8")
    return list(PAGES)
