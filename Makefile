# Les commandes du commun. « make serve » pour voir le site, « make test » pour les tests.
# Tout s'installe dans .venv à partir de requirements.txt (versions figées). Le second build, avec
# ProperDocs à la place de MkDocs, a son propre .venv-properdocs (requirements-properdocs.txt).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BIN_PROPERDOCS := .venv-properdocs/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build build-properdocs apercu verifier lint test navigateur java schemas clean
.PHONY: installer modifies fiche outil compte-rendu github test-rapide communes

$(BIN)/.installe: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

# Sans mise à jour de pip ni cache vidé : les paquets sont ceux de .venv, que pip a déjà en cache.
$(BIN_PROPERDOCS)/.installe: requirements.txt requirements-properdocs.txt
	$(PYTHON) -m venv .venv-properdocs
	$(BIN_PROPERDOCS)/python -m pip install --quiet -r requirements-properdocs.txt
	touch $@

## installer : crée .venv et installe les dépendances (les autres commandes le font au besoin)
installer: $(BIN)/.installe

## serve : installe, construit et sert le site public sur http://127.0.0.1:8000
serve: $(BIN)/.installe
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build : le site public dans site/, en échec au moindre contenu invalide
build: $(BIN)/.installe
	$(BIN)/mkdocs build --strict --clean

## build-properdocs : le même site construit par ProperDocs (suite de MkDocs 1.x), dans site-properdocs/
build-properdocs: $(BIN_PROPERDOCS)/.installe
	$(BIN_PROPERDOCS)/properdocs build --strict --clean -f mkdocs.yml -d site-properdocs

## apercu : le site avec les brouillons (bandeau « Brouillon — non validé »), à ne pas publier
apercu: $(BIN)/.installe
	COMMUN_APERCU=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## verifier : les contrôles du contenu, un problème par ligne « fichier:ligne: message »
verifier: $(BIN)/.installe
	$(BIN)/python scripts/verifier.py

## modifies : vérifie seulement le contenu modifié par rapport à la branche publiée
modifies: $(BIN)/.installe
	$(BIN)/python scripts/verifier.py --modifies

## fiche, outil, compte-rendu : crée un nouveau fichier prêt à remplir (questions en français)
fiche: $(BIN)/.installe
	$(BIN)/python scripts/nouvelle_fiche.py
outil: $(BIN)/.installe
	$(BIN)/python scripts/nouvel_outil.py
compte-rendu: $(BIN)/.installe
	$(BIN)/python scripts/nouveau_compte_rendu.py

## github : réécrit le formulaire « Proposer une fiche » de .github/ depuis commun.yml
github: $(BIN)/.installe
	$(BIN)/python scripts/modeles_github.py

## schemas : réécrit schemas/*.schema.json depuis hooks/commun/schemas.py
schemas: $(BIN)/.installe
	$(BIN)/python scripts/schemas.py

## communes : réécrit territoire/populations.json depuis le découpage administratif officiel (npm)
communes: $(BIN)/.installe node_modules/.installe
	$(BIN)/python scripts/communes.py

## navigateur : Chromium pour les tests dans un vrai navigateur (paquet Debian)
navigateur:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	  else echo "Installez Chromium : sudo apt-get install chromium" >&2; exit 1; fi; }

## java : Java, pour le validateur HTML des tests (Nu HTML Checker, paquet Debian)
java:
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null; \
	  else echo "Installez Java : sudo apt-get install default-jre-headless" >&2; exit 1; fi; }

node_modules/.installe: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## lint : ruff (style, erreurs courantes) puis mypy (types), configurés dans pyproject.toml
lint: $(BIN)/.installe
	$(BIN)/ruff check
	$(BIN)/mypy

## test : installe (ProperDocs compris, pour son test), passe lint, puis lance tous les tests
test: lint node_modules/.installe navigateur java $(BIN_PROPERDOCS)/.installe
	$(BIN)/python -m pytest

## test-rapide : les tests unitaires et les contrôles, sans site construit, navigateur ni Java
test-rapide: $(BIN)/.installe node_modules/.installe
	$(BIN)/python -m pytest -m "not lent"

clean:
	rm -rf site site-apercu site-properdocs .cache .pytest_cache .mypy_cache .ruff_cache
