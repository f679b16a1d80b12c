{{%AUTOESCAPE context="HTML"}}{{!-- One team's form on the teams page (KEY: the team's id, or "nieuw"): its name, members and products. --}}
<form method="post" action="{{ACTION}}" class="utrecht-form admin-team__form" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field"><label class="utrecht-form-label" for="team-{{KEY}}-name">{{t_admin_teams_name}}</label>
<input class="utrecht-textbox" id="team-{{KEY}}-name" name="name" type="text" maxlength="100" autocomplete="off" value="{{NAME}}"{{#INVALID_name}} aria-invalid="true"{{/INVALID_name}}></div>
<fieldset class="utrecht-form-fieldset{{#INVALID_members}} utrecht-form-fieldset--invalid{{/INVALID_members}}" id="team-{{KEY}}-members"><legend class="utrecht-form-fieldset__legend">{{t_admin_teams_members}}</legend>
{{#NO_STAFF}}<p class="utrecht-paragraph">{{t_admin_teams_no_staff}}</p>
{{/NO_STAFF}}{{#MEMBER}}<div class="utrecht-form-field utrecht-form-field--checkbox"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="team-{{KEY}}-member-{{ID}}" name="member" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}> <label class="utrecht-form-label" for="team-{{KEY}}-member-{{ID}}">{{LABEL}}</label></div>
{{/MEMBER}}</fieldset>
<fieldset class="utrecht-form-fieldset{{#INVALID_products}} utrecht-form-fieldset--invalid{{/INVALID_products}}" id="team-{{KEY}}-products"><legend class="utrecht-form-fieldset__legend">{{t_admin_teams_products}}</legend>
<p class="utrecht-form-field-description">{{t_admin_teams_products_hint}}</p>
{{#PRODUCT}}<div class="utrecht-form-field utrecht-form-field--checkbox"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="team-{{KEY}}-product-{{ID}}" name="product" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}> <label class="utrecht-form-label" for="team-{{KEY}}-product-{{ID}}">{{LABEL}}{{#ELSEWHERE}} <span class="admin-team__elsewhere">({{t_admin_teams_now}} {{TEAM}})</span>{{/ELSEWHERE}}</label></div>
{{/PRODUCT}}</fieldset>
<div class="utrecht-button-group">
<button type="submit" name="action" value="opslaan" class="utrecht-button utrecht-button--primary-action">{{t_admin_teams_save}}</button>
{{#DELETE}}<button type="submit" name="action" value="verwijderen" class="utrecht-button utrecht-button--secondary-action">{{t_admin_teams_delete}}</button>
{{/DELETE}}</div>
</form>
