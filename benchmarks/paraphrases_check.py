"""Self-check of benchmarks/paraphrases.toml, the rubric's paraphrase terms.

For every criterion, language and key (`mention` and each element group of
the rubric), three plain-word sentences the paraphrases must find and three
near-misses they must not. Also checks the file's shape: valid TOML, keys that
are the rubric's groups, regular expressions that compile and cannot match an
empty string, no term the rubric already lists.

Run from the repository root:  .venv/bin/python benchmarks/paraphrases_check.py
It prints, for information, how many of the positive sentences the rubric's
own terms already find (the paraphrases' gain is the rest).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyser.checking.terms import fold, term_set  # noqa: E402

PARAPHRASES = ROOT / "benchmarks" / "paraphrases.toml"
RUBRIC = ROOT / "rubrics" / "ml-paper-analysis.toml"

# (criterion, language, key): ([sentences to find], [near-misses not to find])
CASES: dict[tuple[str, str, str], tuple[list[str], list[str]]] = {
    # ---------------------------------------------------------------- context
    ("context", "en", "mention"): (
        ["The paper deals with the stability of perovskite solar cells.",
         "The authors are interested in how fast a drug is cleared by the liver.",
         "What is at stake is finding electrolytes that do not catch fire."],
        ["The network deals well with missing values.",
         "I am interested in this model.",
         "The stakeholders were not consulted."]),
    ("context", "en", "question"): (
        ["The idea is to know in advance which polymers will be stable.",
         "They want to find new catalysts that turn CO2 into methanol.",
         "What controls the colour of these dyes is still unclear."],
        ["The idea was good.",
         "We found the model easy to use.",
         "The relationship was linear."]),
    ("context", "en", "why_ml"): (
        ["Each DFT calculation takes several days on a cluster.",
         "There is no known equation that links the structure to the melting point.",
         "With the model they can narrow down the candidates to a few worth synthesising."],
        ["The model takes the SMILES string as input.",
         "Each molecule is described by 200 descriptors.",
         "The authors saved the model weights."]),
    ("context", "en", "prior"): (
        ["Chemists used to rely on solubility charts to pick solvents.",
         "This had already been tried with kernel ridge regression.",
         "In the past, such barriers were computed with nudged elastic band."],
        ["The data used to train the model come from PubChem.",
         "The past tense is used throughout.",
         "They had a good idea."]),
    ("context", "en", "citation"): (
        ["Earlier work [12] used random forests.",
         "As shown by Smith et al., descriptors matter.",
         "Ref. 7 reports a similar accuracy."],
        ["The split was 80/20.",
         "The model has 12 layers.",
         "Values lie between 0 and 1."]),
    ("context", "en", "claim"): (
        ["The main idea is to replace DFT by a learned potential.",
         "Nobody had predicted these spectra directly from the sequence.",
         "They reach near DFT accuracy for a tiny cost."],
        ["The idea of using graphs is old.",
         "The accuracy of DFT is limited.",
         "They say the data are public."]),
    ("context", "en", "approach"): (
        ["Before, structures were found by trial and error.",
         "Previously people used electronic structure calculations.",
         "Until now chemists relied on intuition to choose ligands."],
        ["The error is computed on the test set.",
         "The authors built a new model.",
         "This is a structured approach."]),
    ("context", "en", "ml"): (
        ["AI can speed this up.",
         "Artificial intelligence is a natural tool here.",
         "Data science tools help here."],
        ["I'd say it is fine.",
         "The air was dry.",
         "Science is hard."]),
    ("context", "fr", "mention"): (
        ["L'article porte sur la stabilité des pérovskites.",
         "Les auteurs s'intéressent à la solubilité des médicaments.",
         "Il s'agit de prédire la toxicité des pesticides."],
        ["Le modèle porte bien son nom.",
         "Il s'agissait d'un test.",
         "Le jeu de données est petit."]),
    ("context", "fr", "question"): (
        ["Le but est de savoir quels catalyseurs seront actifs.",
         "Les auteurs visent à trouver de nouveaux électrolytes.",
         "On se demande ce qui contrôle la couleur de ces colorants."],
        ["Le butane est un gaz.",
         "On a trouvé le modèle facile.",
         "La relation est linéaire."]),
    ("context", "fr", "why_ml"): (
        ["Chaque calcul DFT prend plusieurs jours.",
         "Il n'existe aucune formule reliant la structure au point de fusion.",
         "Le modèle permet de prioriser les candidats à synthétiser."],
        ["Le calcul de l'erreur est simple.",
         "La formule de la RMSE est donnée.",
         "Les auteurs ont gagné un prix."]),
    ("context", "fr", "prior"): (
        ["Avant, on utilisait des tables de solubilité.",
         "Cela avait déjà été tenté avec des forêts aléatoires.",
         "Par le passé, ces barrières étaient calculées une par une."],
        ["On utilise un réseau de neurones.",
         "Le passé composé est employé.",
         "Ils avaient un bon jeu de données."]),
    ("context", "fr", "citation"): (
        ["Des travaux antérieurs [3] utilisaient des forêts aléatoires.",
         "Comme l'ont montré Dupont et al., les descripteurs comptent.",
         "La réf. 12 rapporte une précision voisine."],
        ["Le découpage est 80/20.",
         "Le modèle a 12 couches.",
         "Les données et algorithmes sont publics."]),
    ("context", "fr", "claim"): (
        ["L'idée principale est de remplacer la DFT par un potentiel appris.",
         "Personne n'avait prédit ces spectres directement.",
         "Le modèle est plus précis que les méthodes existantes."],
        ["L'idée est bonne.",
         "Le modèle est précis.",
         "La précision de la DFT est limitée."]),
    ("context", "fr", "approach"): (
        ["Auparavant, on procédait par essais et erreurs.",
         "Les calculs de structure électronique sont lents.",
         "Les chimistes se fiaient à leur intuition."],
        ["La structure du réseau est simple.",
         "Les erreurs sont faibles.",
         "Le modèle est un réseau."]),
    ("context", "fr", "ml"): (
        ["L'IA permet d'accélérer la recherche.",
         "L'intelligence artificielle est utile ici.",
         "La science des données aide."],
        ["J'ai lu l'article.",
         "La science est difficile.",
         "Les données sont publiques."]),
    # ---------------------------------------------------------------- framing
    ("framing", "en", "mention"): (
        ["The model learns from labelled examples.",
         "Each data set comes from a different lab.",
         "It predicts a single number for each molecule."],
        ["The model learns quickly.",
         "The set of models is large.",
         "They give a number of reasons."]),
    ("framing", "en", "learning_type"): (
        ["The network learns from examples whose answer is known.",
         "Each structure comes with its DFT energy, which the model has to reproduce.",
         "The model groups the spectra without being told the categories."],
        ["The model learns the relationship quickly.",
         "The answer is not clear from the paper.",
         "Without the appendix it is hard to follow."]),
    ("framing", "en", "task"): (
        ["The model predicts a continuous value, the band gap in eV.",
         "Each molecule is sorted into one of three groups: toxic, harmful or safe.",
         "The algorithm groups similar spectra together."],
        ["The authors give a number of reasons.",
         "The data were split into two sets.",
         "Similar results were obtained."]),
    ("framing", "en", "inputs_targets"): (
        ["Each data point is a crystal and its formation energy.",
         "Each alloy is represented as a vector of element fractions.",
         "The measured yields serve as the ground truth."],
        ["Each paper is cited.",
         "The truth is that it is unclear.",
         "It comes out well."]),
    ("framing", "en", "inputs"): (
        ["What goes into the model is the list of elements and their fractions.",
         "Each polymer is described with a fingerprint of 2048 bits.",
         "The network is fed the SMILES string."],
        ["The authors fed us a lot of details.",
         "The discussion goes into detail.",
         "This is described in Section 2."]),
    ("framing", "en", "targets"): (
        ["What comes out is the predicted yield of the reaction.",
         "The quantity to predict is the solubility in water.",
         "The model must predict the binding affinity of each ligand."],
        ["The predictions come out late.",
         "It is hard to predict what will happen.",
         "The property was hard to measure."]),
    ("framing", "en", "size"): (
        ["Only 350 measurements were available.",
         "A fifth of the data is held out.",
         "The model was trained on 1,200 and tested on the rest."],
        ["The model has 3 layers.",
         "See Figure 4 for details.",
         "It was trained on DFT data."]),
    ("framing", "en", "source_quality"): (
        ["The yields were taken from published papers.",
         "All the measurements come from a single lab.",
         "Some labels are probably wrong because of measurement errors."],
        ["The model takes from 2 to 5 seconds.",
         "A single model is trained.",
         "The error of the model is small."]),
    ("framing", "en", "fit"): (
        ["Regression suits this since the band gap is a continuous quantity.",
         "It is a good choice because chemists only need a yes/no answer.",
         "This framing matches the question of the paper."],
        ["The choice of the learning rate is not given.",
         "The question is whether the model works.",
         "As the model is a forest, it is fast."]),
    ("framing", "fr", "mention"): (
        ["Le modèle apprend à partir d'exemples étiquetés.",
         "Les jeux de données viennent de PubChem.",
         "Il prédit un seul nombre par molécule."],
        ["Le modèle apprend vite.",
         "Les jeux olympiques ont lieu à Paris.",
         "Il prédit mal."]),
    ("framing", "fr", "learning_type"): (
        ["On lui montre des exemples dont on connaît la réponse.",
         "Le modèle est entraîné à reproduire les énergies DFT.",
         "Le regroupement se fait sans étiquettes."],
        ["On connaît la réponse depuis longtemps.",
         "Le modèle est entraîné sur GPU.",
         "Sans aucun doute."]),
    ("framing", "fr", "task"): (
        ["Le modèle prédit une valeur continue, la bande interdite.",
         "On range chaque molécule dans une des trois catégories.",
         "L'algorithme regroupe les spectres similaires."],
        ["Le modèle prédit mal les grandes valeurs.",
         "Une classe de modèles est utilisée.",
         "Les résultats sont similaires."]),
    ("framing", "fr", "inputs_targets"): (
        ["Chaque point de données est un cristal et son énergie.",
         "Ce qui sort du réseau est la classe.",
         "Chaque alliage est représenté par un vecteur."],
        ["Chaque auteur a contribué.",
         "La vérité est ailleurs.",
         "Chaque point est discuté."]),
    ("framing", "fr", "inputs"): (
        ["Ce qui entre dans le modèle, c'est la composition.",
         "Chaque polymère est décrit par une empreinte de 2048 bits.",
         "On donne au réseau la séquence d'acides aminés."],
        ["Ce qui entre en jeu ici est le coût.",
         "Le modèle est décrit dans la section 2.",
         "On donne un exemple."]),
    ("framing", "fr", "targets"): (
        ["Ce qui sort du modèle est le rendement prédit.",
         "La grandeur à prédire est la solubilité.",
         "Le réseau doit prédire l'énergie de formation."],
        ["Ce qui sortait du lot, c'est la clarté.",
         "Il est difficile de prédire ce qui arrivera.",
         "La grandeur est mesurée."]),
    ("framing", "fr", "size"): (
        ["Seulement 350 mesures sont disponibles.",
         "Un cinquième des données est gardé pour le test.",
         "Le jeu de test contient 200 molécules et le modèle est entraîné sur une centaine de polymères."],
        ["Le modèle a 3 couches.",
         "Voir la figure 4.",
         "Entraîné sur des données DFT."]),
    ("framing", "fr", "source_quality"): (
        ["Les rendements sont tirés de la littérature.",
         "Toutes les mesures viennent d'un seul laboratoire.",
         "Certaines étiquettes sont fausses à cause d'erreurs d'étiquetage."],
        ["Le modèle tire parti de la symétrie.",
         "Un seul modèle est entraîné.",
         "L'erreur du modèle est faible."]),
    ("framing", "fr", "fit"): (
        ["C'est un bon choix puisque la bande interdite est une grandeur continue.",
         "Ce cadrage répond bien à la question des chimistes.",
         "Le problème est bien posé."],
        ["Le choix du taux d'apprentissage n'est pas donné.",
         "La question est ouverte.",
         "Il a posé le problème."]),
    # ------------------------------------------------------------------ model
    ("model", "en", "mention"): (
        ["The forest averages 500 trees.",
         "The architecture has three blocks.",
         "It is essentially a black box."],
        ["The regression is linear.",
         "The box plot shows the errors.",
         "The model is trained."]),
    ("model", "en", "structure"): (
        ["Each atom gathers information from its neighbours.",
         "The trees vote and the majority wins.",
         "It asks a series of yes/no questions about the descriptors."],
        ["The authors share their code.",
         "The information is in the SI.",
         "A series of experiments was run."]),
    ("model", "en", "representation"): (
        ["Each molecule is turned into a list of numbers.",
         "The alloy is given by the fraction of each element.",
         "Atoms are nodes and bonds are edges."],
        ["The numbers are in Table 2.",
         "The model turned out to be accurate.",
         "The paper is well written."]),
    ("model", "en", "hyperparameters"): (
        ["How many layers to use is not justified.",
         "The forest uses five hundred trees.",
         "The number of neighbours k is not given."],
        ["Many layers of complexity are involved.",
         "The number of papers is growing.",
         "Three reasons explain this."]),
    ("model", "en", "why"): (
        ["A GP works well with little data.",
         "It can capture long-range interactions.",
         "Molecules are naturally graphs, so a GNN fits."],
        ["The data are little known.",
         "We can see that the error is low.",
         "The model is good."]),
    ("model", "fr", "mention"): (
        ["Le régresseur est un GP.",
         "L'architecture comporte trois blocs.",
         "C'est une boîte noire."],
        ["La régression est linéaire.",
         "La boîte à outils est fournie.",
         "Le modèle est entraîné."]),
    ("model", "fr", "structure"): (
        ["Chaque atome échange des informations avec ses voisins.",
         "Les arbres votent et la majorité l'emporte.",
         "Le modèle pose une série de questions sur les descripteurs."],
        ["Les auteurs partagent leur code.",
         "L'information est dans l'annexe.",
         "Une série d'expériences a été faite."]),
    ("model", "fr", "representation"): (
        ["Chaque molécule est transformée en une liste de nombres.",
         "L'alliage est donné par la fraction de chaque élément.",
         "Les atomes sont les nœuds et les liaisons sont les arêtes."],
        ["Les nombres sont dans le tableau 2.",
         "Le modèle s'est révélé précis.",
         "L'article est bien écrit."]),
    ("model", "fr", "hyperparameters"): (
        ["Combien de couches utiliser n'est pas justifié.",
         "La forêt utilise cinquante arbres.",
         "Le nombre de voisins k n'est pas donné."],
        ["Plusieurs couches de complexité.",
         "Le nombre d'articles augmente.",
         "Trois raisons l'expliquent."]),
    ("model", "fr", "why"): (
        ["Un GP marche bien avec peu de données.",
         "Il peut capturer les interactions à longue portée.",
         "Les molécules sont naturellement des graphes."],
        ["Les données sont peu connues.",
         "On peut voir que l'erreur est faible.",
         "Le modèle est bon."]),
    # ----------------------------------------------------------- optimisation
    ("optimisation", "en", "mention"): (
        ["The network adjusts its weights to reduce the error.",
         "During the learning phase the error decreases.",
         "They ran 200 epochs."],
        ["The authors adjust the temperature.",
         "The learning curve is shown.",
         "Epoxy resins are studied."]),
    ("optimisation", "en", "loss"): (
        ["The training makes the squared differences between predicted and DFT energies as small as possible.",
         "It minimises how far off its predictions are.",
         "The error the network tries to reduce is the error on energies and forces."],
        ["The difference between the two papers is large.",
         "How far the model extrapolates is unclear.",
         "The cost of DFT is high."]),
    ("optimisation", "en", "optimiser"): (
        ["The weights are nudged little by little.",
         "The coefficients are obtained in one step by inverting a matrix.",
         "The network updates its weights after each batch."],
        ["Step one is data cleaning.",
         "The weights of the ensemble are equal.",
         "The update of the database was in 2020."]),
    ("optimisation", "en", "selection"): (
        ["They tried several depths and kept the best one.",
         "Training stops when the validation error starts to go up.",
         "Each part of the data is used in turn for checking."],
        ["The best model is a GNN.",
         "The bus stops here.",
         "They tried to predict."]),
    ("optimisation", "fr", "mention"): (
        ["Le réseau ajuste ses poids.",
         "Pendant la phase d'apprentissage l'erreur baisse.",
         "Ils font 200 époques."],
        ["On ajuste la température.",
         "Le poids des molécules varie.",
         "Une phase de test."]),
    ("optimisation", "fr", "loss"): (
        ["L'erreur qu'on cherche à minimiser est l'écart quadratique moyen.",
         "On minimise l'écart entre les prédictions et les valeurs DFT.",
         "Les mauvaises prédictions sont pénalisées."],
        ["L'écart entre les deux articles est grand.",
         "Le coût des calculs est élevé.",
         "Une erreur de frappe."]),
    ("optimisation", "fr", "optimiser"): (
        ["On ajuste les poids petit à petit.",
         "La solution s'obtient en une seule étape.",
         "Le réseau met à jour ses poids à chaque lot."],
        ["Les poids sont égaux.",
         "La pente de la droite est 2.",
         "Le pas de temps est 1 fs."]),
    ("optimisation", "fr", "selection"): (
        ["Ils ont essayé plusieurs profondeurs et gardé la meilleure.",
         "L'entraînement s'arrête quand l'erreur de validation remonte.",
         "Chaque partie sert de test à tour de rôle."],
        ["Le meilleur modèle est un GNN.",
         "Ils ont essayé de prédire.",
         "Le test s'arrête ici."]),
    # ------------------------------------------------------------ overfitting
    ("overfitting", "en", "mention"): (
        ["The forest may just learn these materials by heart.",
         "The network may fit the noise.",
         "It works on the training data but not on new ones."],
        ["The heart of the paper is the model.",
         "The noise level is low.",
         "They learned a lot."]),
    ("overfitting", "en", "scheme"): (
        ["A slice of the data was only looked at once training was over.",
         "20% of the molecules were kept aside for the end.",
         "The model was tested on molecules never seen during training."],
        ["The authors set out to predict yields.",
         "Put simply, the model works.",
         "They held a workshop."]),
    ("overfitting", "en", "comparison"): (
        ["The error is much lower on the training data than on new molecules.",
         "The network has more parameters than training examples.",
         "The accuracy drops sharply on the external set."],
        ["The model is better than the baseline.",
         "The price drops on Mondays.",
         "The data come from a small lab."]),
    ("overfitting", "en", "verdict"): (
        ["All in all, the model seems to generalise.",
         "The model probably overfits.",
         "These numbers should be taken with a grain of salt."],
        ["The model is a random forest.",
         "The grains were sintered.",
         "They sign the paper."]),
    ("overfitting", "en", "flaw"): (
        ["Very similar molecules end up in both the training and the test set.",
         "The hyperparameters were tuned on the test set.",
         "Frames from the same trajectory appear in both sets."],
        ["The test set is large.",
         "The same model is used.",
         "Both models are similar."]),
    ("overfitting", "fr", "mention"): (
        ["Le modèle apprend par cœur les matériaux.",
         "Le réseau colle trop aux données.",
         "Il apprend le bruit des mesures."],
        ["Le cœur de l'article est le modèle.",
         "Le bruit de mesure est faible.",
         "La colle est sèche."]),
    ("overfitting", "fr", "scheme"): (
        ["20 % des molécules ont été mises de côté jusqu'à la fin.",
         "Le modèle est testé sur des molécules jamais vues pendant l'entraînement.",
         "Les données sont divisées en cinq parties."],
        ["Mis à jour en 2020.",
         "Le modèle est testé.",
         "Les auteurs partagent leur code."]),
    ("overfitting", "fr", "comparison"): (
        ["L'erreur est bien plus basse sur l'entraînement que sur le test.",
         "Le réseau a plus de paramètres que d'exemples.",
         "La précision chute fortement sur le jeu de test."],
        ["Le modèle est meilleur que la référence.",
         "La température chute.",
         "Le jeu de données est grand."]),
    ("overfitting", "fr", "verdict"): (
        ["Au final, je ne suis pas convaincu que le modèle généralise.",
         "Il apprend probablement par cœur.",
         "Ces chiffres sont à prendre avec des pincettes."],
        ["Au début, le modèle est simple.",
         "Les pinces sont en acier.",
         "Le signe de la charge est négatif."]),
    ("overfitting", "fr", "flaw"): (
        ["Des molécules très proches se retrouvent des deux côtés du découpage.",
         "Les hyperparamètres ont été réglés sur le test.",
         "Les configurations d'une même trajectoire sont dans les deux ensembles."],
        ["Le test est grand.",
         "La même méthode est utilisée.",
         "Les deux modèles sont proches."]),
    # ----------------------------------------------------------- alternatives
    ("alternatives", "en", "mention"): (
        ["Why not use a Gaussian process instead?",
         "It would be worth testing a simpler model.",
         "Another possibility is to predict a ranking."],
        ["Why not? The paper does not say.",
         "The test was worth it.",
         "The possibility of leakage is real."]),
    ("alternatives", "en", "alternative"): (
        ["What if the authors had used a kernel model?",
         "It would be better to compare with a simple linear baseline.",
         "A natural next step is to add solvent information."],
        ["They compared with DFT.",
         "What is the point?",
         "The next section is short."]),
    ("alternatives", "en", "reason"): (
        ["A GP needs less data and gives error bars.",
         "A deeper network would take longer to train.",
         "Kernel ridge is less prone to overfitting here."],
        ["The data are less noisy.",
         "It was a long way.",
         "The time series is short."]),
    ("alternatives", "en", "alt_model"): (
        ["A plain linear fit would be a useful baseline.",
         "A physics-based kinetic model could do as well.",
         "Averaging several models would help."],
        ["The fit is good.",
         "The model is physical.",
         "Several papers exist."]),
    ("alternatives", "en", "alt_data"): (
        ["Adding the solvent as an extra input would help.",
         "Data from other labs would make the test fairer.",
         "Including failed reactions would balance the classes."],
        ["It would need more calculations.",
         "The solvent is water.",
         "Other models exist."]),
    ("alternatives", "en", "alt_formulation"): (
        ["They could predict a yes/no instead.",
         "The model could learn the correction to a cheap method.",
         "Predicting several properties at once with one model would share information."],
        ["The correction is small.",
         "Several properties were measured.",
         "They predict the energy."]),
    ("alternatives", "fr", "mention"): (
        ["Pourquoi ne pas utiliser un processus gaussien ?",
         "J'aurais préféré un modèle plus simple.",
         "Il vaudrait mieux prédire un classement."],
        ["Je ne sais pas pourquoi.",
         "Il vaut mieux lire l'annexe.",
         "Les options du logiciel sont nombreuses."]),
    ("alternatives", "fr", "alternative"): (
        ["Pourquoi ne pas comparer avec un modèle linéaire simple ?",
         "À leur place, j'opterais pour un GP.",
         "La prochaine étape serait d'ajouter le solvant."],
        ["Le modèle est comparé à la DFT.",
         "La place des atomes compte.",
         "L'étape de nettoyage est longue."]),
    ("alternatives", "fr", "reason"): (
        ["Un GP demande moins de données.",
         "Un réseau plus profond serait trop lent.",
         "Ce modèle est moins sujet au surapprentissage."],
        ["Le sujet de l'article est clair.",
         "Le temps de calcul est donné.",
         "Les auteurs gagnent."]),
    ("alternatives", "fr", "alt_model"): (
        ["Une simple droite servirait de référence.",
         "Un modèle physique ferait aussi bien.",
         "Combiner plusieurs modèles aiderait."],
        ["La droite de régression est tracée.",
         "Le modèle est physique.",
         "Plusieurs articles existent."]),
    ("alternatives", "fr", "alt_data"): (
        ["Ajouter le solvant comme variable d'entrée aiderait.",
         "Des données d'autres laboratoires rendraient le test plus juste.",
         "Inclure les réactions ratées équilibrerait les classes."],
        ["Il faudrait plus de calculs.",
         "Le solvant est l'eau.",
         "D'autres modèles existent."]),
    ("alternatives", "fr", "alt_formulation"): (
        ["On pourrait prédire un oui ou non plutôt.",
         "Le modèle pourrait apprendre la correction d'une méthode bon marché.",
         "Prédire plusieurs propriétés à la fois serait utile."],
        ["La correction est faible.",
         "Plusieurs propriétés sont mesurées.",
         "Ils prédisent l'énergie."]),
}


def rubric_vocabulary() -> dict[str, dict[str, dict[str, list[str]]]]:
    """criterion -> language -> key ("mention" or a group) -> the rubric's terms."""
    data = tomllib.loads(RUBRIC.read_text(encoding="utf-8"))
    vocab: dict[str, dict[str, dict[str, list[str]]]] = {}
    for criterion in data["criteria"]:
        for language, table in criterion["vocabulary"].items():
            keys = {"mention": list(table.get("mention", []))}
            keys.update({name: list(terms) for name, terms in table.get("groups", {}).items()})
            vocab.setdefault(criterion["id"], {})[language] = keys
    return vocab


def main() -> int:
    problems: list[str] = []
    paraphrases = tomllib.loads(PARAPHRASES.read_text(encoding="utf-8"))
    rubric = rubric_vocabulary()

    # Shape: criteria, languages and keys of the rubric; sound terms.
    for cid, languages in paraphrases.items():
        if cid not in rubric:
            problems.append(f"unknown criterion {cid!r}")
            continue
        for language, table in languages.items():
            if language not in ("en", "fr"):
                problems.append(f"{cid}: unknown language {language!r}")
                continue
            allowed = set(rubric[cid]["en"]) | set(rubric[cid].get("fr", {}))
            for key, terms in table.items():
                if key not in allowed:
                    problems.append(f"{cid}.{language}: {key!r} is not a group of the rubric")
                    continue
                existing = {t for lang in rubric[cid].values() for t in lang.get(key, [])}
                if len(set(terms)) != len(terms):
                    problems.append(f"{cid}.{language}.{key}: a term is listed twice")
                for term in terms:
                    if not isinstance(term, str) or not term.strip():
                        problems.append(f"{cid}.{language}.{key}: empty term")
                    elif term in existing:
                        problems.append(f"{cid}.{language}.{key}: {term!r} is already in the rubric")
                    elif term.startswith("re:"):
                        try:
                            pattern = re.compile(term[3:])
                        except re.error as error:
                            problems.append(f"{cid}.{language}.{key}: bad regular expression {term!r}: {error}")
                            continue
                        if pattern.search("") or pattern.search(" "):
                            problems.append(f"{cid}.{language}.{key}: {term!r} matches an empty string")
                    elif term != fold(term):
                        problems.append(f"{cid}.{language}.{key}: {term!r} is not folded (upper case or accents)")

    # Coverage: every group of every criterion, in both languages, has paraphrases and a case.
    for cid, languages in rubric.items():
        keys = set(languages["en"])
        for language in ("en", "fr"):
            for key in keys:
                if not paraphrases.get(cid, {}).get(language, {}).get(key):
                    problems.append(f"{cid}.{language}.{key}: no paraphrase terms")
                if (cid, language, key) not in CASES:
                    problems.append(f"{cid}.{language}.{key}: no self-check sentences")

    # Sentences: the paraphrases find the positives and none of the near-misses.
    found_by_rubric = positives = 0
    for (cid, language, key), (positive, negative) in CASES.items():
        terms = tuple(paraphrases.get(cid, {}).get(language, {}).get(key, []))
        terms_found = term_set(terms)
        own = tuple(t for lang in rubric[cid].values() for t in lang.get(key, []))
        for sentence in positive:
            positives += 1
            if not terms_found.found(fold(sentence)):
                problems.append(f"{cid}.{language}.{key}: not found in {sentence!r}")
            if own and term_set(own).found(fold(sentence)):
                found_by_rubric += 1
        for sentence in negative:
            hits = terms_found.found(fold(sentence))
            if hits:
                problems.append(f"{cid}.{language}.{key}: near-miss {sentence!r} found by {sorted(hits)}")

    counts = {(cid, language): sum(len(t) for t in table.values())
              for cid, languages in paraphrases.items() for language, table in languages.items()}
    for (cid, language), count in sorted(counts.items()):
        print(f"{cid:<13} {language}  {count:4d} terms")
    print(f"{len(CASES)} groups checked, {positives} positive sentences "
          f"({found_by_rubric} already found by the rubric's own terms), {sum(len(n) for _, n in CASES.values())} near-misses")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for problem in problems:
            print("  " + problem)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
