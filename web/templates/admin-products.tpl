{{%AUTOESCAPE context="HTML"}}{{!-- An administrator's list of the organisation's products, each a link to change it. --}}
<h1 class="utrecht-heading-1">{{t_admin_products_title}}: {{ORG_NAME}}</h1>
<p class="utrecht-paragraph">{{t_admin_products_intro}}</p>
<ul class="utrecht-unordered-list admin-products">
{{#PRODUCT}}<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="/beheer/{{ORG}}/producten/{{ID}}">{{NAME}}</a>: {{t_admin_products_term}} {{TERM}}, {{DECIDES}}, {{t_admin_products_form}} {{FORM_VERSION}}</li>
{{/PRODUCT}}</ul>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/beheer/{{ORG}}/medewerkers">{{t_admin_staff_title}}</a></p>
