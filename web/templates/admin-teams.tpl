{{%AUTOESCAPE context="HTML"}}{{!-- An administrator divides the organisation's case work into teams: members, and the products whose cases each team handles. One plain form per team. --}}
<a class="utrecht-link back-link" href="/behandelen">{{t_bo_queue_title}}</a>
<h1 class="utrecht-heading-1">{{t_admin_teams_title}}: {{ORG_NAME}}</h1>
{{#SAVED}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_admin_teams_saved}}</p></div>
{{/SAVED}}{{#DELETED}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_admin_teams_deleted}}</p></div>
{{/DELETED}}{{#ERRORS}}<div class="utrecht-alert utrecht-alert--error error-summary" role="alert" tabindex="-1" id="fouten">
<h2 class="utrecht-heading-2">{{t_admin_product_errors}}</h2>
<ul class="utrecht-unordered-list">
{{#ERROR}}<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="{{HREF}}">{{MESSAGE}}</a></li>
{{/ERROR}}</ul>
</div>
{{/ERRORS}}<p class="utrecht-paragraph">{{t_admin_teams_intro}}</p>
<p class="utrecht-paragraph admin-team__links"><a class="utrecht-link" href="/beheer/{{ORG}}/medewerkers">{{t_admin_staff_title}}</a>, <a class="utrecht-link" href="/beheer/{{ORG}}/producten">{{t_admin_products_title}}</a></p>
{{#NO_TEAMS}}<p class="utrecht-paragraph">{{t_admin_teams_none}}</p>
{{/NO_TEAMS}}{{#TEAM}}<details class="admin-team" id="team-{{ID}}"{{#OPEN}} open{{/OPEN}}>
<summary><h2 class="utrecht-heading-2 admin-team__title" id="team-{{ID}}-title">{{TITLE}}</h2> <span class="admin-team__count">{{COUNT}}</span></summary>
{{>TEAM_FORM}}
</details>
{{/TEAM}}{{#NEW}}<section class="admin-team" id="team-nieuw" aria-labelledby="team-nieuw-title">
<h2 class="utrecht-heading-2" id="team-nieuw-title">{{t_admin_teams_new}}</h2>
{{>TEAM_FORM}}
</section>
{{/NEW}}
